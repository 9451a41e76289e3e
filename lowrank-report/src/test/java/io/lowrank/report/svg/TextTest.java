package io.lowrank.report.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void numbersAreCompactAndLocaleIndependent() {
        assertThat(SvgWriter.num(12.5)).isEqualTo("12.5");
        assertThat(SvgWriter.num(-3)).isEqualTo("-3");
        assertThat(SvgWriter.num(-0.001)).isEqualTo("0");
        assertThat(SvgWriter.num(0.05)).isEqualTo("0.05");
        assertThat(SvgWriter.num(1.104)).isEqualTo("1.1");
        assertThat(SvgWriter.num(-7.256)).isEqualTo("-7.26");
        assertThatThrownBy(() -> SvgWriter.num(Double.NaN)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void escapingProducesAsciiWellFormedText() {
        assertThat(SvgWriter.esc("a<b&c>\"d\"'\u03b1\u0001")).isEqualTo(
                "a&lt;b&amp;c&gt;&quot;d&quot;&#39;&#945;");
        assertThat(SvgWriter.esc("\ud835\udc65")).isEqualTo("&#119909;"); // surrogate pair
    }

    @Test
    void markupParsesSuperAndSubscripts() {
        RichText r = RichText.parse("R^2 = 0.99, 10^-6, T_{1}, x^{a b}, 2^ x");
        assertThat(r.runs()).containsExactly(
                new RichText.Run("R", 0), new RichText.Run("2", 1),
                new RichText.Run(" = 0.99, 10", 0), new RichText.Run("\u22126", 1),
                new RichText.Run(", T", 0), new RichText.Run("1", -1),
                new RichText.Run(", x", 0), new RichText.Run("a b", 1),
                new RichText.Run(", 2^ x", 0));
        assertThat(RichText.plain("T_{1}")).isEqualTo("T_1");
        assertThat(RichText.widthOf("10^{5}", 13)).isLessThan(RichText.widthOf("105", 13));
        assertThat(RichText.widthOf("WWW", 13)).isGreaterThan(RichText.widthOf("iii", 13));
    }
}
