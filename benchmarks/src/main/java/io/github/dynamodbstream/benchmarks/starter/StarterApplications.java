package io.github.dynamodbstream.benchmarks.starter;

import io.github.dynamodbstream.benchmarks.support.AwsClients;
import io.github.dynamodbstream.benchmarks.support.Deliveries;
import io.github.dynamodbstream.benchmarks.support.OrderItem;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs {@link StarterBenchmarkApplication}, configured only through {@code dynamodb.stream.*} properties. */
public final class StarterApplications {

    private StarterApplications() {
    }

    /**
     * The properties of an application that reads one table's stream on an emulator.
     *
     * @param tableName the table, resolved to its stream at start; {@code null} to give {@code streamArn} instead
     * @param streamArn the stream's ARN, used when {@code tableName} is {@code null}
     */
    public static Map<String, Object> properties(URI endpoint, String region, String tableName, String streamArn,
            Duration pollInterval) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.main.log-startup-info", "false");
        properties.put("dynamodb.stream.endpoint", endpoint.toString());
        properties.put("dynamodb.stream.region", region);
        properties.put("dynamodb.stream.credentials.access-key-id", AwsClients.CREDENTIAL);
        properties.put("dynamodb.stream.credentials.secret-access-key", AwsClients.CREDENTIAL);
        if (tableName != null) {
            properties.put("dynamodb.stream.table-name", tableName);
        } else {
            properties.put("dynamodb.stream.stream-arn", streamArn);
        }
        properties.put("dynamodb.stream.item-type", OrderItem.class.getName());
        properties.put("dynamodb.stream.poll-interval", pollInterval.toMillis() + "ms");
        return properties;
    }

    /**
     * Starts the application with these properties; its listener reports to {@code deliveries}.
     *
     * @param singletons more beans to register before the context is refreshed, by name
     */
    public static ConfigurableApplicationContext run(Map<String, Object> properties, Deliveries deliveries,
            Map<String, Object> singletons) {
        SpringApplication application = new SpringApplication(StarterBenchmarkApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(properties);
        application.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("deliveries", deliveries);
            singletons.forEach(context.getBeanFactory()::registerSingleton);
        });
        return application.run();
    }
}
