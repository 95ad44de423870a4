package io.github.dynamodbstream.spring.poller;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The container's own thread pools: a fixed number of daemon threads named after what they do. */
final class NamedThreads {

    private NamedThreads() {
    }

    /**
     * A pool of at most {@code threads} daemon threads named {@code prefix<n>}; idle threads end after a minute.
     */
    static ThreadPoolExecutor pool(String prefix, int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
