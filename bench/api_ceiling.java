// bench/api_ceiling.java - the ceiling for bench/api: a JDK HttpServer with one trivial handler (a fixed small
// JSON body), on the same kind of bounded pool as portoser's WebServer (32 threads, backlog 1024), so the two
// differ only in what a request does. Run with the single-file source launcher:
//   java bench/api_ceiling.java PORTFILE      (listens on 127.0.0.1, any free port, written to PORTFILE)
// It runs until SIGTERM.

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

class api_ceiling {
    public static void main(String[] args) throws Exception {
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(32, 32, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2048), r -> {
            Thread t = new Thread(r, "ceiling");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        http.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        Path portFile = Path.of(args[0]);
        Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".tmp"), String.valueOf(http.getAddress().getPort()));
        Files.move(portFile.resolveSibling(portFile.getFileName() + ".tmp"), portFile);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> http.stop(0)));
        Thread.currentThread().join();   // serve until SIGTERM
    }
}
