package io.lowrank.diagnostics;

import io.lowrank.linalg.Decompositions;
import io.lowrank.linalg.Mat;
import io.lowrank.model.DataSpectrum;
import io.lowrank.solver.Iterate;
import java.util.ArrayList;
import java.util.List;

/**
 * Data-only diagnostics (docs/math.md §7), available on real data too:
 * <ul>
 *   <li>{@code sigma_r}: sigma_r(U_t), the r-th singular value of U_t;
 *   <li>{@code effective_rank}: (sum sigma_k)^2 / sum sigma_k^2 over the eigenvalues sigma_k of
 *       U_t U_t^T (the squared singular values of U_t);
 *   <li>{@code spectral_alignment}: sine of the largest principal angle between the top-r left
 *       singular subspace of U_t and the top-r eigenspace of A*(y);
 *   <li>{@code power_distance}: ||U_t - U~_t||_F / ||U~_t||_F, U~_t the power iterate
 *       (I + mu A*(y))^t U_0 ({@link PowerIterate}); U_0 is the factor seen at iteration 0;
 *   <li>{@code sv_1 .. sv_k}: the top singular values of U_t.
 * </ul>
 */
public final class SpectralProbe implements Probe {
  private final DataSpectrum spectrum;
  private final int rank;
  private final int topK;
  private final Mat spectralSubspace;
  private final List<String> columns;
  private PowerIterate power;

  /**
   * @param spectrum eigen-decomposition of A*(y)
   * @param rank r (known, or estimated by {@link DataSpectrum#estimateRank})
   * @param topK how many singular values of U_t to record
   */
  public SpectralProbe(DataSpectrum spectrum, int rank, int topK) {
    this.spectrum = spectrum;
    this.rank = rank;
    this.topK = topK;
    this.spectralSubspace = spectrum.topEigenspace(rank);
    List<String> names = new ArrayList<>(List.of(Columns.SIGMA_R, Columns.EFFECTIVE_RANK, Columns.SPECTRAL_ALIGNMENT, Columns.POWER_DISTANCE));
    for (int k = 1; k <= topK; k++) {
      names.add(Columns.singularValue(k));
    }
    this.columns = List.copyOf(names);
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public void measure(int iteration, Iterate state, long solveNanos, double[] out, int offset) {
    Mat u = state.factor();
    if (iteration == 0 || power == null) {
      power = new PowerIterate(spectrum, u, state.stepSize());
    }
    Decompositions.Svd svd = Decompositions.svd(u, true);
    double[] s = svd.s();
    out[offset] = rank <= s.length ? s[rank - 1] : 0.0;
    double sum = 0.0;
    double sumSq = 0.0;
    for (double v : s) {
      sum += v * v;
      sumSq += v * v * v * v;
    }
    out[offset + 1] = sumSq > 0 ? sum * sum / sumSq : 0.0;
    int k = Math.min(rank, svd.u().cols());
    out[offset + 2] = Subspaces.sinLargestAngle(spectralSubspace, Subspaces.leadingColumns(svd.u(), k));
    out[offset + 3] = power.relativeDistance(iteration, u);
    for (int j = 0; j < topK; j++) {
      out[offset + 4 + j] = j < s.length ? s[j] : 0.0;
    }
  }
}
