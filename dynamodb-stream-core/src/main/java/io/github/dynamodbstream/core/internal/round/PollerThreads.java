package io.github.dynamodbstream.core.internal.round;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads a poller makes: shard readers named {@code dynamodb-stream-<n>}. */
public final class PollerThreads {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private PollerThreads() {
    }

    /**
     * A bounded pool of daemon reader threads; idle threads end after a minute.
     *
     * @param threads the most shards read at once
     */
    public static ExecutorService readerPool(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("dynamodb-stream-", true));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static ThreadFactory named(String prefix, boolean daemon) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + COUNTER.incrementAndGet());
            thread.setDaemon(daemon);
            return thread;
        };
    }
}
