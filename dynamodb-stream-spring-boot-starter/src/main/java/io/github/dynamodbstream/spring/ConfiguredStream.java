package io.github.dynamodbstream.spring;

import io.github.dynamodbstream.core.StreamArn;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;

/**
 * One stream as the {@code dynamodb.stream.*} properties configure it, before its table name is resolved: its
 * name, the prefix of its keys, and its settings, in which every key the stream does not set is the top-level key of
 * the same name (or that key's default). The fallback is done here, once, in binding: the top-level keys and then
 * the stream's own keys are bound onto the same {@link StreamProperties}. A blank value counts as not set.
 */
public final class ConfiguredStream {

    private static final String PREFIX = DynamoDbStreamProperties.PREFIX;
    private static final BindHandler BLANK_IS_NOT_SET = new BindHandler() {
        @Override
        public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                Object result) {
            return result instanceof String text && text.isBlank() ? null : result;
        }
    };

    private final String key;
    private final DynamoDbStreamProperties.Stream settings;
    private final Binder binder;

    private ConfiguredStream(String key, DynamoDbStreamProperties.Stream settings, Binder binder) {
        this.key = key;
        this.settings = settings;
        this.binder = binder;
    }

    /**
     * Every stream of the environment's properties, in configuration order: the single-stream shorthand first (when
     * {@code stream-arn} or {@code table-name} is set at the top level), then {@code dynamodb.stream.streams.*},
     * disabled ones included.
     */
    public static List<ConfiguredStream> all(Environment environment) {
        Binder binder = Binder.get(environment);
        DynamoDbStreamProperties top = binder.bind(PREFIX, Bindable.of(DynamoDbStreamProperties.class),
                BLANK_IS_NOT_SET).orElseGet(DynamoDbStreamProperties::new);
        List<ConfiguredStream> streams = new ArrayList<>();
        if (top.getStreamArn() != null || top.getTableName() != null) {
            streams.add(new ConfiguredStream(null, settings(binder, null), binder));
        }
        for (String key : top.getStreams().keySet()) {
            streams.add(new ConfiguredStream(key, settings(binder, key), binder));
        }
        return streams;
    }

    private static DynamoDbStreamProperties.Stream settings(Binder binder, String key) {
        DynamoDbStreamProperties.Stream settings = new DynamoDbStreamProperties.Stream();
        binder.bind(PREFIX, Bindable.ofInstance(settings), BLANK_IS_NOT_SET);
        if (key != null) {
            // The top-level stream-arn and table-name name the shorthand's stream, and enabled the whole starter:
            // none of them is a default of the other streams.
            settings.setStreamArn(null);
            settings.setTableName(null);
            settings.setEnabled(true);
            for (ConfigurationPropertyName name : names(key)) {
                binder.bind(name, Bindable.ofInstance(settings), BLANK_IS_NOT_SET);
            }
        }
        return settings;
    }

    /**
     * The names a stream's keys can have: {@code streams.<key>} as written in properties, YAML or the environment
     * (dashed, mixed case) and {@code streams[<key>]}, which a property source compares character for character.
     */
    private static List<ConfigurationPropertyName> names(String key) {
        ConfigurationPropertyName bracketed = ConfigurationPropertyName.of(PREFIX + ".streams[" + key + "]");
        if (key.contains(".")) {
            return List.of(bracketed);
        }
        return List.of(ConfigurationPropertyName.of(PREFIX + ".streams").append(ConfigurationPropertyName.adapt(key, '.')),
                bracketed);
    }

    /** Whether this is the single-stream shorthand of the top-level keys. */
    public boolean shorthand() {
        return key == null;
    }

    /**
     * The stream's name: its key under {@code dynamodb.stream.streams}, or its table's name for the shorthand
     * ({@code null} when the shorthand's ARN is malformed: resolving the streams then fails saying so).
     */
    public String name() {
        if (key != null) {
            return key;
        }
        if (settings.getStreamArn() != null) {
            try {
                return StreamArn.parse(settings.getStreamArn().trim()).tableName();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return settings.getTableName().trim();
    }

    /** The prefix of the stream's own keys: {@code dynamodb.stream.streams.<name>}, or {@code dynamodb.stream}. */
    public String prefix() {
        return key == null ? PREFIX : PREFIX + ".streams." + key;
    }

    /** The stream's settings, each key the stream does not set taken from the top level. */
    public DynamoDbStreamProperties.Stream settings() {
        return settings;
    }

    /**
     * The property that gave the stream a key's value, for messages: the stream's own key when it sets it, else the
     * top-level one.
     *
     * @param key a key of {@link StreamProperties}, in the dashed form, for example {@code retry.max-attempts}
     */
    public String property(String key) {
        if (this.key != null && names(this.key).stream().anyMatch(name -> binder.bind(name.append(key),
                Bindable.of(String.class), BLANK_IS_NOT_SET).isBound())) {
            return prefix() + "." + key;
        }
        return PREFIX + "." + key;
    }
}
