package io.github.dynamodbstream.emulator.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.dynamodbstream.emulator.internal.EmulatorEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The HTTP endpoint on the loopback address: one POST per API call, as the AWS SDKs send them. */
public final class EmulatorHttpServer implements AutoCloseable {

    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, every call then waits for
        // the client's delayed ACK (about 40 ms). The property is read once, when the server classes load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
    private final EmulatorEngine engine;

    /** Serves the engine on the server's threads, which this object owns and stops on {@link #close()}. */
    private EmulatorHttpServer(HttpServer server, EmulatorEngine engine) {
        this.server = server;
        this.engine = engine;
        server.createContext("/", this::serve);
        server.setExecutor(executor);
    }

    /** Binds 127.0.0.1 on the port (0 for a free one) and starts serving. */
    public static EmulatorHttpServer start(int port, EmulatorEngine engine) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("The emulator could not listen on 127.0.0.1:" + port
                    + " (is the port in use? use port 0 for a free one)", e);
        }
        EmulatorHttpServer emulatorServer = new EmulatorHttpServer(server, engine);
        server.start();
        return emulatorServer;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            EmulatorEngine.Response response = engine.handle(target, body);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(response.status(), response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "dynamodb-emulator-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
