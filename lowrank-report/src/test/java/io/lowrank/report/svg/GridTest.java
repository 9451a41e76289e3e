package io.lowrank.report.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class GridTest {

    private static Plot panel(String title, boolean marker) {
        double[] x = {0, 100, 200, 300};
        Plot.Builder b = Plot.builder().title(title).xLabel("iteration").yScale(Scale.LOG)
                .line(null, x, new double[] {1e-6, 1e-3, 1, 1}, null);
        if (marker) {
            b.vline(150, "T_{1}", null);
        }
        return b.build();
    }

    @Test
    void gridLaysOutPanelsWithTitleAndUniqueIds() {
        Plot same = panel("noise", false);
        Grid g = Grid.of(2, "Dynamics", panel("signal", true), same, same, panel("error", false));
        String svg = g.toSvg(400, 300);
        Document d = SvgXml.parse(svg);
        Element root = d.getDocumentElement();
        assertThat(root.getAttribute("width")).isEqualTo("800");
        assertThat(Integer.parseInt(root.getAttribute("height"))).isGreaterThan(600).isLessThan(660);
        assertThat(SvgXml.withClass(d, "text", "lr-grid-title")).singleElement()
                .extracting(Element::getTextContent).isEqualTo("Dynamics");
        List<Element> panels = SvgXml.withClass(d, "g", "lr-panel");
        assertThat(panels).hasSize(4);
        assertThat(panels).extracting(e -> e.getAttribute("transform")).doesNotHaveDuplicates();
        Set<String> ids = new HashSet<>();
        for (Element e : SvgXml.all(d, "clipPath")) {
            assertThat(ids.add(e.getAttribute("id"))).isTrue();
        }
        assertThat(ids).hasSize(8);
        assertThat(g.toSvg(400, 300)).isEqualTo(svg);
        assertThat(g.rows()).isEqualTo(2);
    }

    @Test
    void panelsInARowShareTheirPlotAreaTop() {
        // the first panel has a vertical-line label above its plot area, the second not
        Document d = SvgXml.parse(Grid.of(2, null, panel("a", true), panel("b", false)).toSvg());
        List<Element> clips = SvgXml.all(d, "clipPath").stream()
                .filter(e -> e.getAttribute("id").endsWith("-clip")).toList();
        assertThat(clips).hasSize(2);
        Element r0 = (Element) clips.get(0).getElementsByTagNameNS(SvgXml.SVG_NS, "rect").item(0);
        Element r1 = (Element) clips.get(1).getElementsByTagNameNS(SvgXml.SVG_NS, "rect").item(0);
        assertThat(r0.getAttribute("y")).isEqualTo(r1.getAttribute("y"));
        assertThat(r0.getAttribute("height")).isEqualTo(r1.getAttribute("height"));
        double alone = SvgXml.num((Element) SvgXml.all(SvgXml.parse(panel("b", false).toSvg(
                Grid.DEFAULT_PANEL_WIDTH, Grid.DEFAULT_PANEL_HEIGHT)), "clipPath").get(0)
                .getElementsByTagNameNS(SvgXml.SVG_NS, "rect").item(0), "y");
        assertThat(SvgXml.num(r1, "y")).isGreaterThan(alone);
    }

    @Test
    void invalidGridArgumentsThrow() {
        assertThatThrownBy(() -> Grid.of(0, "t", panel("a", false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Grid.of(2, "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Grid.of(2, "t", panel("a", false), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("panel 1");
    }
}
