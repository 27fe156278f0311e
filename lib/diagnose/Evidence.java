package lib.diagnose;

/** The observation that proved a problem (its kind and index in the observation list) and the line that shows it. */
public record Evidence(String kind, int observation, String excerpt) {}
