package lib.diagnose;

import java.util.List;
import lib.observe.Observation;

/** One fingerprint: a pure function from all observations of a run to the problems it recognises. */
public interface Matcher {
    String fingerprint();

    List<Problem> match(List<Observation> observations);
}
