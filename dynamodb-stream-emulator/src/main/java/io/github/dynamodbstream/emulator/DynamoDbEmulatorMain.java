package io.github.dynamodbstream.emulator;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator from the command line until the process is stopped. The first line printed is the endpoint
 * URL. Run with {@code --help} for the flags.
 */
public final class DynamoDbEmulatorMain {

    private static final String USAGE = """
            Usage: java -jar dynamodb-stream-emulator-<version>-standalone.jar [flags]
              --port N                 port on 127.0.0.1 (default 8000; 0 picks a free one)
              --region NAME            region named in ARNs and records (default us-east-1)
              --shards N               open shards per new stream (default 4)
              --rotation DURATION      rotate every open shard this often, e.g. 4h, 30m, PT4H (default never)
              --iterator-lifetime D    shard iterator lifetime (default 15m)
              --retention D            stream record retention (default 24h)
              --max-readers-per-shard N  readers allowed per shard, 0 for no limit (default 0)
              --status-delay D         how long tables stay CREATING/UPDATING and streams ENABLING/DISABLING,
                                       0 for at once (default 100ms)
              --help                   print this and exit
            """;

    private DynamoDbEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DynamoDbEmulator.Builder builder = DynamoDbEmulator.builder().port(8000);
        try {
            if (!configure(builder, args, System.out)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        DynamoDbEmulator emulator = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "dynamodb-emulator-shutdown"));
        System.out.println(emulator.endpoint());
        System.out.println("DynamoDB and DynamoDB Streams emulator serving in region " + emulator.region()
                + "; stop with Ctrl+C");
        System.out.flush();
        stopped.await();
    }

    /** Applies the flags; returns false when the program should exit at once (after {@code --help}). */
    static boolean configure(DynamoDbEmulator.Builder builder, String[] args, PrintStream out) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                out.print(USAGE);
                return false;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Flag " + flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> builder.port(integer(flag, value));
                case "--region" -> builder.region(value);
                case "--shards" -> builder.shardsPerStream(integer(flag, value));
                case "--rotation" -> builder.rotationInterval(duration(flag, value));
                case "--iterator-lifetime" -> builder.iteratorLifetime(duration(flag, value));
                case "--retention" -> builder.retention(duration(flag, value));
                case "--max-readers-per-shard" -> builder.maxReadersPerShard(integer(flag, value));
                case "--status-delay" -> builder.statusDelay(duration(flag, value));
                default -> throw new IllegalArgumentException("Unknown flag " + flag);
            }
        }
        return true;
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a whole number, got '" + value + "'");
        }
    }

    /**
     * Parses {@code 4h}, {@code 30m}, {@code 10s}, {@code 500ms}, {@code 0} or an ISO-8601 duration such as
     * {@code PT4H}.
     */
    static Duration duration(String flag, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.equals("0")) {
                return Duration.ZERO;
            }
            if (text.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    flag + " takes a duration such as 10s, 30m, 4h, 1d or PT4H, got '" + value + "'");
        }
    }
}
