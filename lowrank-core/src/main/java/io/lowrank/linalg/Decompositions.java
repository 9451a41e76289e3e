package io.lowrank.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.qr.QRDecompositionHouseholderColumn_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Dense decompositions delegated to EJML. These allocate and are meant for set-up and for the
 * recording cadence of diagnostics, never for the inner iteration.
 */
public final class Decompositions {
  private Decompositions() {}

  /** Eigen-decomposition of a symmetric matrix, eigenvalues in descending order. */
  public record SymmetricEigen(double[] values, Mat vectors) {}

  /** Thin SVD a = U diag(s) V^T with s descending; U is p x k, V is q x k, k = min(p, q). */
  public record Svd(Mat u, double[] s, Mat v) {}

  /**
   * Full eigen-decomposition of the symmetric n x n matrix {@code a} (not modified). Columns of
   * {@code vectors} are orthonormal eigenvectors, ordered by descending eigenvalue.
   */
  public static SymmetricEigen symmetricEigen(Mat a) {
    int n = a.rows();
    Check.shape(a.cols() == n, "symmetricEigen needs a square matrix, got %s", a);
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    System.arraycopy(a.data(), 0, m.data, 0, n * n);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eig.decompose(m)) {
      throw new ArithmeticException("symmetric eigen-decomposition failed (non-finite input?)");
    }
    Integer[] order = new Integer[n];
    double[] raw = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      raw[i] = eig.getEigenvalue(i).real;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(raw[y], raw[x]));
    double[] values = new double[n];
    Mat vectors = new Mat(n, n);
    for (int c = 0; c < n; c++) {
      values[c] = raw[order[c]];
      DMatrixRMaj v = eig.getEigenVector(order[c]);
      double norm = 0.0;
      for (int i = 0; i < n; i++) {
        norm += v.data[i] * v.data[i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        vectors.set(i, c, v.data[i] / norm);
      }
    }
    return new SymmetricEigen(values, vectors);
  }

  /** Singular values of {@code a} in descending order (a not modified). */
  public static double[] singularValues(Mat a) {
    return svd(a, false).s();
  }

  /** Thin SVD of {@code a} (not modified); with {@code vectors == false} u and v are null. */
  public static Svd svd(Mat a, boolean vectors) {
    int p = a.rows();
    int q = a.cols();
    int k = Math.min(p, q);
    if (k == 0) {
      return new Svd(vectors ? new Mat(p, 0) : null, new double[0], vectors ? new Mat(q, 0) : null);
    }
    DMatrixRMaj m = new DMatrixRMaj(p, q);
    System.arraycopy(a.data(), 0, m.data, 0, p * q);
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(p, q, vectors, vectors, true);
    if (!svd.decompose(m)) {
      throw new ArithmeticException("SVD failed (non-finite input?)");
    }
    double[] raw = svd.getSingularValues();
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(raw[y], raw[x]));
    double[] s = new double[k];
    for (int i = 0; i < k; i++) {
      s[i] = raw[order[i]];
    }
    if (!vectors) {
      return new Svd(null, s, null);
    }
    DMatrixRMaj um = svd.getU(null, false);
    DMatrixRMaj vm = svd.getV(null, false);
    Mat u = new Mat(p, k);
    Mat v = new Mat(q, k);
    for (int c = 0; c < k; c++) {
      int src = order[c];
      for (int i = 0; i < p; i++) {
        u.set(i, c, um.get(i, src));
      }
      for (int i = 0; i < q; i++) {
        v.set(i, c, vm.get(i, src));
      }
    }
    return new Svd(u, s, v);
  }

  /** Orthonormal basis (p x q, p >= q) of the columns of a full-column-rank {@code a}, by QR. */
  public static Mat orthonormalColumns(Mat a) {
    int p = a.rows();
    int q = a.cols();
    Check.shape(p >= q, "orthonormalColumns needs rows >= cols, got %s", a);
    DMatrixRMaj m = new DMatrixRMaj(p, q);
    System.arraycopy(a.data(), 0, m.data, 0, p * q);
    QRDecompositionHouseholderColumn_DDRM qr = new QRDecompositionHouseholderColumn_DDRM();
    if (!qr.decompose(m)) {
      throw new ArithmeticException("QR failed (non-finite input?)");
    }
    DMatrixRMaj qm = qr.getQ(null, true);
    Mat out = new Mat(p, q);
    System.arraycopy(qm.data, 0, out.data(), 0, p * q);
    return out;
  }
}
