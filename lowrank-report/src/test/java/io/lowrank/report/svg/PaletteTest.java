package io.lowrank.report.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaletteTest {

    private static double luminance(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * (v >> 16 & 0xff) + 0.7152 * (v >> 8 & 0xff) + 0.0722 * (v & 0xff);
    }

    @Test
    void qualitativeColoursAreDistinctHexAndCycle() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < Palette.size(); i++) {
            assertThat(Palette.color(i)).matches("#[0-9A-Fa-f]{6}");
            assertThat(seen.add(Palette.color(i))).isTrue();
        }
        assertThat(Palette.color(Palette.size())).isEqualTo(Palette.color(0));
        assertThatThrownBy(() -> Palette.color(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sequentialRampIsOrderedByLightnessAndStable() {
        int n = 7;
        assertThat(Palette.sequential(0, n)).isEqualTo("#440154");
        double prev = -1;
        for (int i = 0; i < n; i++) {
            String c = Palette.sequential(i, n);
            assertThat(c).matches("#[0-9a-f]{6}");
            assertThat(luminance(c)).isGreaterThan(prev);
            prev = luminance(c);
        }
        // the end of the ramp is not the nearly invisible light yellow of viridis
        assertThat(luminance(Palette.sequential(n - 1, n))).isLessThan(luminance("#fde725"));
        assertThat(Palette.sequential(3, 7)).isEqualTo(Palette.sequential(3, 7));
        assertThatThrownBy(() -> Palette.sequential(3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Palette.sequential(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
