package io.github.dynamodbstream.core.record;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.StreamArn;
import io.github.dynamodbstream.core.internal.record.EnhancedClient;
import io.github.dynamodbstream.core.internal.record.PlainItemConverter;
import io.github.dynamodbstream.core.internal.record.SequenceNumbers;
import io.github.dynamodbstream.core.internal.record.TableSchemaItemMapper;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * One change to one item, read from a DynamoDB stream: what happened ({@link #type()}), to which item
 * ({@link #keys()}), the item before and after as the stream's view type allows ({@link #oldImage()},
 * {@link #newImage()}), and where the record sits in the stream ({@link #shardId()}, {@link #sequenceNumber()}).
 *
 * <p>What the images hold depends on the stream's view type: {@code KEYS_ONLY} gives neither, {@code NEW_IMAGE}
 * the new one, {@code OLD_IMAGE} the old one, {@code NEW_AND_OLD_IMAGES} both (an INSERT has no old image and a
 * REMOVE no new one). An absent image is an empty map, never {@code null}.
 *
 * <p>The images are also available as plain Java maps ({@link #newItem()}), as an annotated class of the DynamoDB
 * Enhanced Client ({@link #newItem(Class)}) or through an {@link ItemMapper} of the application's own.
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the record, never its attribute values. Records are built
 * from the SDK's stream records with {@link #of(Record, String, String)}; tests build their own with
 * {@link #builder()}.
 */
public final class ChangeRecord {

    private final ChangeType type;
    private final Map<String, AttributeValue> keys;
    private final Map<String, AttributeValue> newImage;
    private final Map<String, AttributeValue> oldImage;
    private final String sequenceNumber;
    private final Instant approximateCreationTime;
    private final long sizeBytes;
    private final String shardId;
    private final StreamArn streamArn;
    private final String eventId;
    private final boolean timeToLiveDelete;

    private ChangeRecord(Builder builder) {
        this.type = Objects.requireNonNull(builder.type, "type");
        this.sequenceNumber = Objects.requireNonNull(builder.sequenceNumber, "sequenceNumber");
        this.shardId = Objects.requireNonNull(builder.shardId, "shardId");
        this.streamArn = Objects.requireNonNull(builder.streamArn, "streamArn");
        this.keys = builder.imagesFromTheSdk ? builder.keys : copy(builder.keys);
        this.newImage = builder.imagesFromTheSdk ? builder.newImage : copy(builder.newImage);
        this.oldImage = builder.imagesFromTheSdk ? builder.oldImage : copy(builder.oldImage);
        this.approximateCreationTime = builder.approximateCreationTime;
        this.sizeBytes = builder.sizeBytes;
        this.eventId = builder.eventId != null ? builder.eventId : UUID.randomUUID().toString().replace("-", "");
        this.timeToLiveDelete = builder.timeToLiveDelete;
        if (timeToLiveDelete && type != ChangeType.REMOVE) {
            throw new IllegalArgumentException("Only a REMOVE can be a Time to Live deletion, not " + type);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative, got " + sizeBytes);
        }
    }

    private static Map<String, AttributeValue> copy(Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(image));
    }

    /**
     * Reads a record returned by {@code GetRecords}.
     *
     * @param record the SDK's stream record
     * @param shardId the shard it was read from
     * @param streamArn the stream's ARN
     * @return the change
     * @throws MalformedRecordException when the event name is unknown or the record lacks its {@code dynamodb} part,
     *         sequence number, keys or creation time; the caller reports it and goes on with the batch
     * @throws IllegalArgumentException when {@code streamArn} is not a stream ARN
     */
    public static ChangeRecord of(Record record, String shardId, String streamArn) {
        return of(record, shardId, StreamArn.parse(streamArn));
    }

    /**
     * Reads a record returned by {@code GetRecords}, for callers that parsed the ARN once.
     *
     * @see #of(Record, String, String)
     */
    public static ChangeRecord of(Record record, String shardId, StreamArn streamArn) {
        return StreamRecordReader.read(record, shardId, streamArn);
    }

    /** A builder for records of one's own, for example in tests of a {@code StreamListener}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this record's values. */
    public Builder toBuilder() {
        return new Builder()
                .type(type).keys(keys).newImage(newImage).oldImage(oldImage)
                .sequenceNumber(sequenceNumber).approximateCreationTime(approximateCreationTime).sizeBytes(sizeBytes)
                .shardId(shardId).streamArn(streamArn).eventId(eventId).timeToLiveDelete(timeToLiveDelete);
    }

    /** What happened to the item. */
    public ChangeType type() {
        return type;
    }

    /** The item's key attributes (partition key, and sort key when the table has one). */
    public Map<String, AttributeValue> keys() {
        return keys;
    }

    /** The item after the change; empty for a REMOVE and when the view type holds no new image. */
    public Map<String, AttributeValue> newImage() {
        return newImage;
    }

    /** The item before the change; empty for an INSERT and when the view type holds no old image. */
    public Map<String, AttributeValue> oldImage() {
        return oldImage;
    }

    /** Whether the record carries the item after the change. */
    public boolean hasNewImage() {
        return !newImage.isEmpty();
    }

    /** Whether the record carries the item before the change. */
    public boolean hasOldImage() {
        return !oldImage.isEmpty();
    }

    /** The record's position in its shard: a string of digits, increasing within a shard. */
    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** When the change was made, to the second; how far behind the table a consumer is. */
    public Instant approximateCreationTime() {
        return approximateCreationTime;
    }

    /** The size of the record in the stream, in bytes. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** The shard the record was read from. */
    public String shardId() {
        return shardId;
    }

    /** The ARN of the stream the record was read from. */
    public String streamArn() {
        return streamArn.toString();
    }

    /** The name of the table that was changed, from the stream ARN. */
    public String tableName() {
        return streamArn.tableName();
    }

    /** A unique id of the record, assigned by DynamoDB. */
    public String eventId() {
        return eventId;
    }

    /**
     * Whether this is a deletion by Time to Live: a REMOVE made by the DynamoDB service itself (user identity of
     * type {@code Service}, principal {@code dynamodb.amazonaws.com}) rather than by a caller.
     */
    public boolean isTimeToLiveDelete() {
        return timeToLiveDelete;
    }

    /**
     * The new image as plain Java values: {@code S} as {@link String}, {@code N} as {@link java.math.BigDecimal},
     * {@code B} as {@code byte[]}, {@code BOOL} as {@link Boolean}, {@code NULL} as {@code null}, {@code L} as
     * {@link java.util.List}, {@code M} as {@link Map}, {@code SS} as {@code Set<String>}, {@code NS} as
     * {@code Set<BigDecimal>} and {@code BS} as {@code Set<ByteBuffer>} (read-only buffers, which compare by
     * content). All collections are unmodifiable and keep the image's order.
     *
     * @return the item; empty when the record has no new image
     * @throws DynamoDbStreamException naming the attribute, when a value has no type this SDK knows
     */
    public Map<String, Object> newItem() {
        return plain(newImage, "new");
    }

    /**
     * The old image as plain Java values, converted as in {@link #newItem()}.
     *
     * @return the item; empty when the record has no old image
     */
    public Map<String, Object> oldItem() {
        return plain(oldImage, "old");
    }

    /**
     * The key attributes as plain Java values, converted as in {@link #newItem()}.
     *
     * @return the keys, never empty for a record read from a stream
     */
    public Map<String, Object> keyItem() {
        return plain(keys, "key");
    }

    private Map<String, Object> plain(Map<String, AttributeValue> image, String which) {
        try {
            return PlainItemConverter.toPlainMap(image);
        } catch (IllegalArgumentException e) {
            throw new DynamoDbStreamException("Cannot convert the " + which + " image of " + this + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The new image mapped to a class annotated with {@code @DynamoDbBean} or {@code @DynamoDbImmutable}, through
     * the DynamoDB Enhanced Client's {@code TableSchema.fromClass} (built once per class). Needs the optional
     * dependency {@code software.amazon.awssdk:dynamodb-enhanced}.
     *
     * @return the item, or {@code null} when the record has no new image
     * @throws DynamoDbStreamException naming the class, when the enhanced client is absent or the class is not mappable
     */
    public <T> T newItem(Class<T> type) {
        return typed(newImage, type);
    }

    /**
     * The old image mapped to an annotated class, as in {@link #newItem(Class)}.
     *
     * @return the item, or {@code null} when the record has no old image
     */
    public <T> T oldItem(Class<T> type) {
        return typed(oldImage, type);
    }

    private static <T> T typed(Map<String, AttributeValue> image, Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (!EnhancedClient.PRESENT) {
            throw new DynamoDbStreamException("Cannot map stream items to " + type.getName()
                    + ": the DynamoDB Enhanced Client is not on the class path. Add the dependency "
                    + "software.amazon.awssdk:dynamodb-enhanced, or pass an ItemMapper.");
        }
        return image.isEmpty() ? null : TableSchemaItemMapper.map(image, type);
    }

    /**
     * The new image mapped by the application's own mapper.
     *
     * @return what the mapper returned, or {@code null} without calling it when the record has no new image
     */
    public <T> T newItem(ItemMapper<T> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return newImage.isEmpty() ? null : mapper.map(newImage);
    }

    /**
     * The old image mapped by the application's own mapper.
     *
     * @return what the mapper returned, or {@code null} without calling it when the record has no old image
     */
    public <T> T oldItem(ItemMapper<T> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return oldImage.isEmpty() ? null : mapper.map(oldImage);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChangeRecord that
                && type == that.type
                && sizeBytes == that.sizeBytes
                && timeToLiveDelete == that.timeToLiveDelete
                && keys.equals(that.keys)
                && newImage.equals(that.newImage)
                && oldImage.equals(that.oldImage)
                && sequenceNumber.equals(that.sequenceNumber)
                && approximateCreationTime.equals(that.approximateCreationTime)
                && shardId.equals(that.shardId)
                && streamArn.equals(that.streamArn)
                && eventId.equals(that.eventId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, keys, sequenceNumber, shardId, streamArn, eventId);
    }

    /** Names the record (type, table, shard, sequence number, event id); never shows attribute values. */
    @Override
    public String toString() {
        return "ChangeRecord[" + type + (timeToLiveDelete ? " (TTL)" : "") + " table=" + tableName()
                + " shard=" + shardId + " sequenceNumber=" + sequenceNumber + " eventId=" + eventId + "]";
    }

    /**
     * Builds a {@link ChangeRecord}. Required: {@link #type}, {@link #sequenceNumber}, {@link #shardId},
     * {@link #streamArn}. Defaults: no keys and no images, creation time {@link Instant#EPOCH}, size 0, a random
     * event id, not a Time to Live deletion.
     */
    public static final class Builder {

        private ChangeType type;
        private Map<String, AttributeValue> keys = Map.of();
        private Map<String, AttributeValue> newImage = Map.of();
        private Map<String, AttributeValue> oldImage = Map.of();
        private String sequenceNumber;
        private Instant approximateCreationTime = Instant.EPOCH;
        private long sizeBytes;
        private String shardId;
        private StreamArn streamArn;
        private String eventId;
        private boolean timeToLiveDelete;
        private boolean imagesFromTheSdk;

        private Builder() {
        }

        /** Takes the images as the SDK's model holds them: unmodifiable already, so not copied again. */
        Builder imagesFromTheSdk() {
            this.imagesFromTheSdk = true;
            return this;
        }

        public Builder type(ChangeType type) {
            this.type = type;
            return this;
        }

        public Builder keys(Map<String, AttributeValue> keys) {
            this.keys = keys;
            return this;
        }

        public Builder newImage(Map<String, AttributeValue> newImage) {
            this.newImage = newImage;
            return this;
        }

        public Builder oldImage(Map<String, AttributeValue> oldImage) {
            this.oldImage = oldImage;
            return this;
        }

        /** A string of digits. */
        public Builder sequenceNumber(String sequenceNumber) {
            if (sequenceNumber != null && !SequenceNumbers.isValid(sequenceNumber)) {
                throw new IllegalArgumentException(
                        "A sequence number is a string of digits, got '" + sequenceNumber + "'");
            }
            this.sequenceNumber = sequenceNumber;
            return this;
        }

        public Builder approximateCreationTime(Instant approximateCreationTime) {
            this.approximateCreationTime = Objects.requireNonNull(approximateCreationTime, "approximateCreationTime");
            return this;
        }

        public Builder sizeBytes(long sizeBytes) {
            this.sizeBytes = sizeBytes;
            return this;
        }

        public Builder shardId(String shardId) {
            this.shardId = shardId;
            return this;
        }

        /**
         * The stream's ARN; the table name is taken from it.
         *
         * @throws IllegalArgumentException when it is not a stream ARN
         */
        public Builder streamArn(String streamArn) {
            this.streamArn = StreamArn.parse(streamArn);
            return this;
        }

        public Builder streamArn(StreamArn streamArn) {
            this.streamArn = streamArn;
            return this;
        }

        public Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        /** Whether the record is a deletion by Time to Live; only a REMOVE can be one. */
        public Builder timeToLiveDelete(boolean timeToLiveDelete) {
            this.timeToLiveDelete = timeToLiveDelete;
            return this;
        }

        /**
         * @throws NullPointerException naming the first required value that is missing
         * @throws IllegalArgumentException when a Time to Live flag is set on a change other than REMOVE
         */
        public ChangeRecord build() {
            return new ChangeRecord(this);
        }
    }
}
