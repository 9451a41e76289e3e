package io.lowrank.report.svg;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Test helper: parses SVG output strictly as XML and queries it. */
final class SvgXml {

    static final String SVG_NS = "http://www.w3.org/2000/svg";

    private SvgXml() {
    }

    /** Parses with a namespace-aware, non-validating parser; fails on malformed XML. */
    static Document parse(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("SVG is not well-formed XML: " + e.getMessage() + "\n"
                    + svg.substring(0, Math.min(500, svg.length())), e);
        }
    }

    /** All elements named {@code tag} in document order. */
    static List<Element> all(Document d, String tag) {
        NodeList nl = d.getElementsByTagNameNS(SVG_NS, tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    /** Elements named {@code tag} that have an ancestor {@code <g class="groupClass">}. */
    static List<Element> inGroup(Document d, String groupClass, String tag) {
        List<Element> out = new ArrayList<>();
        for (Element e : all(d, tag)) {
            for (var p = e.getParentNode(); p instanceof Element pe; p = pe.getParentNode()) {
                if (groupClass.equals(pe.getAttribute("class"))) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }

    /** Elements named {@code tag} with attribute {@code class} equal to {@code cls}. */
    static List<Element> withClass(Document d, String tag, String cls) {
        return all(d, tag).stream().filter(e -> cls.equals(e.getAttribute("class"))).toList();
    }

    static double num(Element e, String attr) {
        return Double.parseDouble(e.getAttribute(attr));
    }
}
