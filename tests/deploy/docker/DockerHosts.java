package deploy.docker;

import harness.TestHosts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lib.exec.ExecOptions;

/** Helpers the docker tests share: executor options that trust the harness hosts, and a plain HTTP GET. */
final class DockerHosts {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private DockerHosts() {}

    static ExecOptions options(TestHosts hosts, Path portoserHome) {
        return new ExecOptions(Duration.ofSeconds(5), Duration.ofSeconds(60), ExecOptions.DEFAULT_PARALLELISM,
                List.of(hosts.knownHosts()), List.of(), portoserHome);
    }

    /** The body of a 200 answer; throws otherwise. */
    static String httpGet(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException(url + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }
}
