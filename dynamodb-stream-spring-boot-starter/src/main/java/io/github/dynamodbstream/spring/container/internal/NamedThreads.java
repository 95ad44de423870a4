package io.github.dynamodbstream.spring.container.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * The containers' own threads: daemon threads named after what they do, platform threads or (on Java 21 and later,
 * when the application enables them) virtual threads.
 */
public final class NamedThreads {

    private NamedThreads() {
    }

    /**
     * A pool of at most {@code threads} daemon platform threads named {@code prefix<n>}; idle threads end after a
     * minute.
     */
    public static ThreadPoolExecutor pool(String prefix, int threads) {
        return pool(prefix, threads, false);
    }

    /**
     * A pool of at most {@code threads} threads named {@code prefix<n>}, virtual ones when {@code virtual} (Java 21
     * and later), else daemon platform threads; idle threads end after a minute.
     */
    public static ThreadPoolExecutor pool(String prefix, int threads, boolean virtual) {
        ThreadFactory factory = virtual ? new VirtualThreadTaskExecutor(prefix).getVirtualThreadFactory()
                : daemonThreads(prefix);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Daemon platform threads named {@code prefix<n>}. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
