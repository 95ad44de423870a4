package io.github.dynamodbstream.reliability;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application the process-death campaign kills: the starter, configured by the command line's properties, and
 * {@link DurableListener}. It runs in a JVM of its own, started by {@link ApplicationProcess}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(DurableListener.class)
public class KilledApplication {

    public static void main(String[] args) {
        SpringApplication.run(KilledApplication.class, args);
    }
}
