package io.lowrank.report.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class PlotTest {

    private static double[] seq(int n, double a, double b) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = a + (b - a) * i / (n - 1);
        }
        return r;
    }

    /** Error-vs-iteration figure: log y, alpha sweep, phase bands, T1/T2 markers. */
    static Plot errorFigure() {
        double[] it = seq(301, 0, 300);
        Plot.Builder b = Plot.builder().title("Test error").xLabel("iteration").yLabel("error")
                .yScale(Scale.LOG).xRange(0, 300)
                .band(0, 60, "I", "#56B4E9").band(60, 120, "II", null).band(120, 300, "III", "#009E73")
                .vline(60, "T_{1}", "#444444").vline(120, "T_{2}", null)
                .annotation("slope = 1.31, R^2 = 0.99");
        for (int k = 0; k < 4; k++) {
            double floor = Math.pow(10, -2 - 2 * k);
            double[] e = new double[it.length];
            for (int i = 0; i < e.length; i++) {
                e[i] = floor + Math.exp(-it[i] / (10 + 5 * k));
            }
            b.line("\u03b1 = " + Ticks.decade(-k - 1), it, e, Palette.sequential(k, 4));
        }
        return b.build();
    }

    static Plot logLogFigure() {
        double[] a = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2};
        return Plot.builder().title("Final error vs alpha").xScale(Scale.LOG).yScale(Scale.LOG)
                .xLabel("\u03b1").yLabel("final error")
                .points("m = 5nr", a, new double[] {1e-8, 2e-7, 3e-6, 5e-5, 1e-3}, null)
                .dashedLine("fit", new double[] {1e-6, 1e-2}, new double[] {1e-8, 1e-3}, null)
                .legendPosition(LegendPosition.OUTSIDE_RIGHT).build();
    }

    static Plot errorBarFigure() {
        double[] x = {2, 4, 8, 40};
        return Plot.builder().title("median").xTicks(x).xLabel("r'")
                .errorBars("n = 50", x, new double[] {0.8, 0.3, 0.1, 0.02},
                        new double[] {0.6, 0.2, 0.05, 0.01}, new double[] {1, 0.5, 0.2, 0.04}, null)
                .linePoints("n = 100", x, new double[] {0.5, 0.2, 0.06, 0.01}, null)
                .hline(0, "zero", null).build();
    }

    @Test
    void severalPlotKindsAreWellFormedStandaloneSvg() {
        for (Plot p : List.of(errorFigure(), logLogFigure(), errorBarFigure())) {
            String svg = p.toSvg(640, 420);
            Document d = SvgXml.parse(svg);
            Element root = d.getDocumentElement();
            assertThat(root.getLocalName()).isEqualTo("svg");
            assertThat(root.getNamespaceURI()).isEqualTo(SvgXml.SVG_NS);
            assertThat(root.getAttribute("width")).isEqualTo("640");
            assertThat(root.getAttribute("height")).isEqualTo("420");
            assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 640 420");
            assertThat(SvgXml.withClass(d, "text", "lr-title")).hasSize(1);
            // every url(#...) reference points at a defined element
            Set<String> ids = SvgXml.all(d, "clipPath").stream().map(e -> e.getAttribute("id"))
                    .collect(Collectors.toSet());
            List<String> refs = SvgXml.all(d, "g").stream().map(e -> e.getAttribute("clip-path"))
                    .filter(s -> !s.isEmpty()).toList();
            assertThat(refs).isNotEmpty().allSatisfy(r ->
                    assertThat(ids).contains(r.substring(5, r.length() - 1)));
        }
        assertThat(Plot.builder().build().toSvg()).contains("width=\"640\" height=\"420\"");
    }

    @Test
    void errorFigureHasBandsMarkersLegendAndAnnotation() {
        Document d = SvgXml.parse(errorFigure().toSvg());
        assertThat(SvgXml.inGroup(d, "lr-bands", "rect")).hasSize(3);
        assertThat(SvgXml.withClass(d, "text", "lr-band-label")).extracting(Element::getTextContent)
                .containsExactly("I", "II", "III");
        assertThat(SvgXml.withClass(d, "text", "lr-vline-label")).hasSize(2);
        assertThat(SvgXml.inGroup(d, "lr-lines", "polyline")).hasSize(4);
        assertThat(SvgXml.inGroup(d, "lr-legend", "text")).hasSize(4);
        assertThat(SvgXml.inGroup(d, "lr-annotation", "text")).singleElement()
                .extracting(Element::getTextContent).isEqualTo("slope = 1.31, R2 = 0.99");
        // log y axis: decade labels are "10" + a raised superscript exponent
        List<Element> yLabels = SvgXml.inGroup(d, "lr-yticks", "text");
        assertThat(yLabels).extracting(Element::getTextContent).contains("10\u22126", "100");
        Element sup = (Element) yLabels.get(0).getElementsByTagNameNS(SvgXml.SVG_NS, "tspan").item(0);
        assertThat(SvgXml.num(sup, "dy")).isNegative();
    }

    @Test
    void higherValuesAreDrawnHigherAndFurtherRight() {
        for (Scale s : Scale.values()) {
            Plot p = Plot.builder().xScale(s).yScale(s)
                    .points("p", new double[] {1, 2, 3, 4}, new double[] {1, 50, 3, 0.5}, null)
                    .build();
            List<Element> c = SvgXml.inGroup(SvgXml.parse(p.toSvg()), "lr-markers", "circle");
            assertThat(c).hasSize(4);
            double[] cx = c.stream().mapToDouble(e -> SvgXml.num(e, "cx")).toArray();
            double[] cy = c.stream().mapToDouble(e -> SvgXml.num(e, "cy")).toArray();
            assertThat(cx).isSorted();
            assertThat(cx[0]).isLessThan(cx[1]);
            // y values 1, 50, 3, 0.5: SVG y must order as 50 < 3 < 1 < 0.5 (smaller = higher)
            assertThat(cy[1]).isLessThan(cy[2]);
            assertThat(cy[2]).isLessThan(cy[0]);
            assertThat(cy[0]).isLessThan(cy[3]);
        }
    }

    @Test
    void invalidValuesBreakLinesAndNeverLeakIntoTheSvg() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] y = {1, 0.5, Double.NaN, 0.1, 0.05, -1, 0.01, 0.005, 0, Double.POSITIVE_INFINITY};
        String svg = Plot.builder().yScale(Scale.LOG).line("l", x, y, null)
                .points("p", x, y, null).build().toSvg();
        assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity");
        Document d = SvgXml.parse(svg);
        // valid runs: [0,1], [3,4], [6,7] -> three separate two-point polylines
        List<Element> lines = SvgXml.inGroup(d, "lr-lines", "polyline");
        assertThat(lines).hasSize(3);
        assertThat(lines).allSatisfy(l ->
                assertThat(l.getAttribute("points").split(" ")).hasSize(2));
        assertThat(SvgXml.inGroup(d, "lr-markers", "circle")).hasSize(6);

        String lin = Plot.builder().line("l", new double[] {0, 1, Double.NEGATIVE_INFINITY, 3},
                new double[] {Double.NaN, 2, 3, Double.MAX_VALUE}, null).build().toSvg();
        assertThat(lin).doesNotContain("NaN").doesNotContain("Infinity");
        SvgXml.parse(lin);
    }

    @Test
    void emptyOrAllInvalidDataGivesANoDataNoteNotAnException() {
        List<Plot> plots = List.of(
                Plot.builder().title("empty").build(),
                Plot.builder().line("e", new double[0], new double[0], null).build(),
                Plot.builder().yScale(Scale.LOG).xScale(Scale.LOG)
                        .points("bad", new double[] {-1, 0, Double.NaN}, new double[] {1, 2, 3}, null)
                        .errorBars("bars", new double[] {1}, new double[] {-1}, new double[] {-2},
                                new double[] {Double.NaN}, null).build());
        for (Plot p : plots) {
            String svg = p.toSvg(300, 200);
            assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity");
            Document d = SvgXml.parse(svg);
            assertThat(SvgXml.withClass(d, "text", "lr-nodata")).singleElement()
                    .extracting(Element::getTextContent).isEqualTo("no data");
            assertThat(SvgXml.inGroup(d, "lr-markers", "circle")).isEmpty();
        }
        assertThat(errorFigure().toSvg()).doesNotContain("no data");
    }

    @Test
    void outputIsDeterministic() {
        assertThat(errorFigure().toSvg(700, 450)).isEqualTo(errorFigure().toSvg(700, 450));
        Plot p = logLogFigure();
        assertThat(p.toSvg()).isEqualTo(p.toSvg());
        assertThat(errorBarFigure().toSvg()).isEqualTo(errorBarFigure().toSvg());
    }

    @Test
    void elementIdsDifferBetweenPlotsAndSizes() {
        Set<String> ids = new HashSet<>();
        for (String svg : List.of(errorFigure().toSvg(), logLogFigure().toSvg(),
                errorBarFigure().toSvg(), errorFigure().toSvg(500, 300))) {
            for (Element e : SvgXml.all(SvgXml.parse(svg), "clipPath")) {
                assertThat(ids.add(e.getAttribute("id"))).as("duplicate id " + e.getAttribute("id"))
                        .isTrue();
            }
        }
        assertThat(ids).hasSize(8);
        String custom = Plot.builder().id("fig-3").build().toSvg();
        assertThat(custom).contains("id=\"fig-3-clip\"");
    }

    @Test
    void textIsXmlEscaped() {
        String title = "a < b & \"c\" > 'd' \u03b1";
        String svg = Plot.builder().title(title).xLabel("<x>").yLabel("y & z")
                .line("<series>", new double[] {1, 2}, new double[] {1, 2}, null).build().toSvg();
        assertThat(svg).doesNotContain("<x>").doesNotContain("<series>").doesNotContain("& z")
                .contains("&#945;");
        Document d = SvgXml.parse(svg);
        assertThat(SvgXml.withClass(d, "text", "lr-title").get(0).getTextContent()).isEqualTo(title);
        assertThat(SvgXml.withClass(d, "text", "lr-xlabel").get(0).getTextContent()).isEqualTo("<x>");
        assertThat(SvgXml.inGroup(d, "lr-legend", "text").get(0).getTextContent())
                .isEqualTo("<series>");
    }

    @Test
    void invalidArgumentsThrowWithClearMessages() {
        Plot.Builder b = Plot.builder();
        assertThatThrownBy(() -> b.line("err", new double[3], new double[4], null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'err'").hasMessageContaining("3").hasMessageContaining("4");
        assertThatThrownBy(() -> b.points(null, null, new double[1], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must not be null");
        assertThatThrownBy(() -> b.dashedLine("d", new double[1], null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y must not be null");
        assertThatThrownBy(() -> b.errorBars("e", new double[2], new double[2], new double[2],
                new double[3], null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hi has 3");
        assertThatThrownBy(() -> b.xRange(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.yRange(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.vline(Double.NaN, "v", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.annotationPosition(LegendPosition.OUTSIDE_RIGHT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.id("1 bad")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Plot.builder().yScale(Scale.LOG).yRange(0, 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> Plot.builder().build().toSvg(50, 400))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderCopiesInputArrays() {
        double[] y = {1, 2, 3};
        Plot p = Plot.builder().line("l", new double[] {1, 2, 3}, y, null).build();
        String before = p.toSvg();
        y[1] = Double.NaN;
        assertThat(p.toSvg()).isEqualTo(before);
    }

    @Test
    void autoLegendAvoidsTheCornerWithData() {
        // all data crowded into the top-right corner
        double[] x = seq(30, 8, 10);
        double[] y = seq(30, 8, 10);
        Plot p = Plot.builder().xRange(0, 10).yRange(0, 10).points("crowd", x, y, null)
                .line("other", new double[] {8, 10}, new double[] {10, 8}, null).build();
        Document d = SvgXml.parse(p.toSvg(400, 300));
        Element box = SvgXml.inGroup(d, "lr-legend", "rect").get(0);
        Element clip = SvgXml.all(d, "clipPath").get(0);
        Element area = (Element) clip.getElementsByTagNameNS(SvgXml.SVG_NS, "rect").item(0);
        double midX = SvgXml.num(area, "x") + SvgXml.num(area, "width") / 2;
        assertThat(SvgXml.num(box, "x") + SvgXml.num(box, "width")).isLessThan(midX);
    }

    @Test
    void dataOutsideAFixedRangeIsClippedToThePlotArea() {
        Plot p = Plot.builder().xRange(0, 1).yRange(0, 1)
                .line("l", new double[] {-5, 0.5, 5}, new double[] {-5, 0.5, 5}, null).build();
        Document d = SvgXml.parse(p.toSvg(400, 300));
        Element area = (Element) SvgXml.all(d, "clipPath").get(0)
                .getElementsByTagNameNS(SvgXml.SVG_NS, "rect").item(0);
        double x0 = SvgXml.num(area, "x");
        double x1 = x0 + SvgXml.num(area, "width");
        List<Double> xs = Stream.of(SvgXml.inGroup(d, "lr-lines", "polyline").get(0)
                .getAttribute("points").split(" ")).map(s -> Double.parseDouble(s.split(",")[0]))
                .sorted(Comparator.naturalOrder()).toList();
        assertThat(xs.get(0)).isBetween(x0 - 3, x0);
        assertThat(xs.get(xs.size() - 1)).isBetween(x1, x1 + 3);
    }
}
