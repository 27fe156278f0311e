package deploy.unit;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import lib.deploy.unit.LaunchdPlist;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The launchd plist renderer: well-formed XML (parsed by the JDK) whose values read back exactly as given. */
class LaunchdPlistTest {
    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // The DOCTYPE names Apple's DTD by URL: never fetch it.
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The top-level dict as key → value element. */
    static Map<String, Element> dict(Element dict) {
        Map<String, Element> out = new LinkedHashMap<>();
        String key = null;
        for (Node n = dict.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) continue;
            if (e.getTagName().equals("key")) key = e.getTextContent();
            else out.put(key, e);
        }
        return out;
    }

    static List<String> strings(Element array) {
        List<String> out = new ArrayList<>();
        for (Node n = array.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element e) out.add(e.getTextContent());
        return out;
    }

    @Test
    void valuesWithQuotesAmpersandsAndAnglesReadBackExactly() throws Exception {
        Document doc = parse(LaunchdPlist.render(Units.nasty("/Users/me/srv")));
        assertEquals("plist", doc.getDocumentElement().getTagName());
        assertEquals("1.0", doc.getDocumentElement().getAttribute("version"));
        Map<String, Element> d = dict((Element) doc.getElementsByTagName("dict").item(0));
        assertEquals(List.of("Label", "ProgramArguments", "WorkingDirectory", "EnvironmentVariables", "StandardOutPath",
                "StandardErrorPath", "RunAtLoad", "KeepAlive"), List.copyOf(d.keySet()));
        assertEquals("portoser-api", d.get("Label").getTextContent());
        assertEquals(List.of("/bin/sh", "-c", "set -a; . /Users/me/srv/api/.env; set +a; " + Units.NASTY), strings(d.get("ProgramArguments")),
                "launchd has no env-file setting: the shell sources it");
        assertEquals("/Users/me/srv/api/app", d.get("WorkingDirectory").getTextContent());
        Map<String, Element> env = dict(d.get("EnvironmentVariables"));
        assertEquals("say \"hi\" 100% $HOME <&>", env.get("GREETING").getTextContent());
        assertEquals("", env.get("EMPTY").getTextContent());
        assertEquals("/Users/me/srv/.portoser/logs/api.log", d.get("StandardOutPath").getTextContent());
        assertEquals("true", d.get("RunAtLoad").getTagName());
        assertEquals("false", dict(d.get("KeepAlive")).get("SuccessfulExit").getTagName(), "restart on crash, not on a clean exit");
    }

    @Test
    void plainServiceHasNoEnvironmentAndControlCharactersCannotBreakTheXml() throws Exception {
        String xml = LaunchdPlist.render(SystemdUnitTest.withStart(Units.plain("/srv"), "echo a\u0001b -- c"));
        Map<String, Element> d = dict((Element) parse(xml).getElementsByTagName("dict").item(0));
        assertFalse(d.containsKey("EnvironmentVariables"));
        assertFalse(d.containsKey("UserName"));
        assertEquals(List.of("/bin/sh", "-c", "echo a b -- c"), strings(d.get("ProgramArguments")));
        assertTrue(LaunchdPlist.render(SystemdUnitTest.withUser(Units.plain("/srv"), "me")).contains("<key>UserName</key>\n  <string>me</string>\n"));
    }
}
