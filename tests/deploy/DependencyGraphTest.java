package deploy;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import lib.deploy.DependencyGraph;
import lib.deploy.Plan;
import lib.registry.Registry;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
    final Registry reg = Fixtures.registry();

    @Test
    void impactListsEveryoneWhoNeedsTheServiceNearestFirst() {
        assertEquals(Map.of("api", 1, "worker", 1, "web", 2), DependencyGraph.impact(reg, "db"));
        assertEquals(List.of("api", "worker", "web"), List.copyOf(DependencyGraph.impact(reg, "db").keySet()));
        assertEquals(Map.of(), DependencyGraph.impact(reg, "web"));
    }

    @Test
    void orderIncludesWhatTheNamedServicesNeed() {
        Plan p = DependencyGraph.order(reg, List.of("web"));
        assertEquals(List.of(List.of("db", "cache"), List.of("api"), List.of("web")), PlannerTest.waves(p));
    }

    @Test
    void treeStartsFromServicesNothingDependsOn() {
        assertEquals("""
                web@b
                └── api@a
                    ├── db@a
                    └── cache@b
                worker@b
                └── db@a
                solo@a
                """, DependencyGraph.tree(reg, List.of()));
    }

    @Test
    void dotHasOneEdgePerDependency() {
        String dot = DependencyGraph.dot(reg);
        assertTrue(dot.startsWith("digraph dependencies {"));
        assertTrue(dot.contains("\"api\" -> \"db\";\n  \"api\" -> \"cache\";"), dot);
        assertEquals(4, dot.lines().filter(l -> l.contains("->")).count());
    }

    @Test
    void listShowsBothDirections() {
        Map<String, Object> db = DependencyGraph.list(reg).get(0);
        assertEquals("db", db.get("service"));
        assertEquals(List.of("api", "worker"), db.get("dependents"));
    }
}
