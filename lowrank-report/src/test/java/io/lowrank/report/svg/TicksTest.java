package io.lowrank.report.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TicksTest {

    private static List<Ticks.Tick> labelled(List<Ticks.Tick> ticks) {
        return ticks.stream().filter(t -> t.label() != null).toList();
    }

    @Test
    void logAxisForErrorDataSnapsToDecadesAndLabelsEachDecade() {
        Axis.Extent e = new Axis.Extent(Scale.LOG);
        e.add(3e-6);
        e.add(0.5);
        e.add(-1); // ignored on a log axis
        e.add(Double.NaN);
        Axis a = Axis.resolve(Scale.LOG, null, e);
        assertThat(a.lo).isCloseTo(1e-6, within(1e-18));
        assertThat(a.hi).isCloseTo(1.0, within(1e-12));

        List<Ticks.Tick> ticks = a.ticks(10, null);
        List<Ticks.Tick> lab = labelled(ticks);
        assertThat(lab).extracting(Ticks.Tick::label).containsExactly(
                "10^{\u22126}", "10^{\u22125}", "10^{\u22124}", "10^{\u22123}", "10^{\u22122}",
                "10^{\u22121}", "10^{0}");
        for (int i = 0; i < lab.size(); i++) {
            assertThat(lab.get(i).value()).isCloseTo(Math.pow(10, i - 6), within(1e-9 * Math.pow(10, i - 6)));
            assertThat(lab.get(i).major()).isTrue();
        }
        // minor ticks at 2..9 x 10^k for the six full decades, unlabelled
        List<Ticks.Tick> minor = ticks.stream().filter(t -> !t.major()).toList();
        assertThat(minor).hasSize(6 * 8).allMatch(t -> t.label() == null);
        assertThat(minor.get(0).value()).isCloseTo(2e-6, within(1e-18));
    }

    @Test
    void logTicksInsideARangeOnlyLabelDecadesInRange() {
        List<Ticks.Tick> lab = labelled(Ticks.log(3e-6, 0.5, 10));
        assertThat(lab).extracting(Ticks.Tick::label).containsExactly(
                "10^{\u22125}", "10^{\u22124}", "10^{\u22123}", "10^{\u22122}", "10^{\u22121}");
    }

    @Test
    void manyDecadesAreThinnedToAtMostMaxLabels() {
        List<Ticks.Tick> ticks = Ticks.log(1e-20, 1e5, 8);
        List<Ticks.Tick> lab = labelled(ticks);
        assertThat(lab.size()).isBetween(2, 8);
        // labelled decades are equally spaced and the unlabelled decades remain as minor ticks
        double step = Math.log10(lab.get(1).value()) - Math.log10(lab.get(0).value());
        assertThat(step).isGreaterThan(1.5);
        for (int i = 1; i < lab.size(); i++) {
            assertThat(Math.log10(lab.get(i).value()) - Math.log10(lab.get(i - 1).value()))
                    .isCloseTo(step, within(1e-9));
        }
        assertThat(ticks).hasSize(26);
    }

    @Test
    void shortLogRangeFallsBackToPlainLabels() {
        List<Ticks.Tick> sub = Ticks.log(0.21, 0.9, 8);
        assertThat(labelled(sub)).hasSizeGreaterThanOrEqualTo(3)
                .allMatch(t -> !t.label().contains("^"))
                .allMatch(t -> t.value() >= 0.21 && t.value() <= 0.9);
        assertThat(labelled(sub)).extracting(Ticks.Tick::label).contains("0.4", "0.6", "0.8");

        // 1.4 decades: decades plus 2x and 5x, written plainly
        assertThat(labelled(Ticks.log(0.04, 1.2, 8))).extracting(Ticks.Tick::label)
                .containsExactly("0.05", "0.1", "0.2", "0.5", "1");
    }

    @Test
    void niceLinearTicksFor0To137() {
        List<Ticks.Tick> t = Ticks.linear(0, 137, 8);
        assertThat(t).extracting(Ticks.Tick::value)
                .containsExactly(0.0, 20.0, 40.0, 60.0, 80.0, 100.0, 120.0);
        assertThat(t).extracting(Ticks.Tick::label)
                .containsExactly("0", "20", "40", "60", "80", "100", "120");
        assertThat(Ticks.linear(0, 137, 5)).extracting(Ticks.Tick::label)
                .containsExactly("0", "50", "100");
        assertThat(Ticks.niceStep(0, 137, 16)).isEqualTo(10.0);
    }

    @Test
    void linearLabelsHaveNoFloatingPointNoiseAndUseMinusSign() {
        assertThat(Ticks.linear(-1, 1, 11)).extracting(Ticks.Tick::label).containsExactly(
                "\u22121.0", "\u22120.8", "\u22120.6", "\u22120.4", "\u22120.2", "0", "0.2",
                "0.4", "0.6", "0.8", "1.0");
        assertThat(Ticks.linear(0.1, 0.35, 6)).extracting(Ticks.Tick::label)
                .containsExactly("0.10", "0.15", "0.20", "0.25", "0.30", "0.35");
    }

    @Test
    void largeAndTinyValuesUseTimesTenNotation() {
        assertThat(Ticks.format(400000, 100000)).isEqualTo("4\u00d710^{5}");
        assertThat(Ticks.format(100000, 100000)).isEqualTo("10^{5}");
        assertThat(Ticks.format(2.5e-6, 5e-7)).isEqualTo("2.5\u00d710^{\u22126}");
        assertThat(Ticks.format(1234, 1)).isEqualTo("1234");
        // axis labels share one exponent
        assertThat(Ticks.linear(0, 2.1e-4, 5)).extracting(Ticks.Tick::label).containsExactly(
                "0", "0.5\u00d710^{\u22124}", "1.0\u00d710^{\u22124}", "1.5\u00d710^{\u22124}",
                "2.0\u00d710^{\u22124}");
        assertThat(Ticks.linear(1e5, 4.1e5, 4)).extracting(Ticks.Tick::label).containsExactly(
                "1\u00d710^{5}", "2\u00d710^{5}", "3\u00d710^{5}", "4\u00d710^{5}");
    }

    @Test
    void customTicksKeepRequestedValuesWithTidyLabels() {
        List<Ticks.Tick> t = Ticks.custom(new double[] {40, 2, 8, 4, 1000, Double.NaN}, 1, 50);
        assertThat(t).extracting(Ticks.Tick::label).containsExactly("2", "4", "8", "40");
        assertThat(Ticks.custom(new double[] {0.5, 0.25}, 0, 1)).extracting(Ticks.Tick::label)
                .containsExactly("0.25", "0.5");
    }

    @Test
    void invalidRangesAreRejected() {
        assertThatThrownBy(() -> Ticks.linear(1, 1, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lo < hi");
        assertThatThrownBy(() -> Ticks.log(0, 1, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> Ticks.linear(0, Double.NaN, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void automaticLinearRangeIsPaddedAndDegenerateRangeWidened() {
        Axis.Extent e = new Axis.Extent(Scale.LINEAR);
        e.add(0);
        e.add(100);
        Axis a = Axis.resolve(Scale.LINEAR, null, e);
        assertThat(a.lo).isLessThan(0).isGreaterThan(-10);
        assertThat(a.hi).isGreaterThan(100).isLessThan(110);

        Axis.Extent single = new Axis.Extent(Scale.LINEAR);
        single.add(5);
        Axis s = Axis.resolve(Scale.LINEAR, null, single);
        assertThat(s.lo).isLessThan(5);
        assertThat(s.hi).isGreaterThan(5);
    }

    @Test
    void logRangeDoesNotWasteMostOfADecade() {
        Axis.Extent e = new Axis.Extent(Scale.LOG);
        e.add(2);
        e.add(40);
        Axis a = Axis.resolve(Scale.LOG, null, e);
        // snapping to [1, 100] would waste half of the axis; padding keeps it tight
        assertThat(a.lo).isGreaterThan(1.5).isLessThan(2);
        assertThat(a.hi).isGreaterThan(40).isLessThan(60);
    }
}
