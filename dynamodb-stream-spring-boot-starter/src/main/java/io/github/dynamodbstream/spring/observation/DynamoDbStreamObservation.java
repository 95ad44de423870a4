package io.github.dynamodbstream.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the starter. With Spring Boot's metrics, each gives a timer of the same name (the listeners'
 * duration, tagged by the low-cardinality keys); with tracing, a span.
 */
public enum DynamoDbStreamObservation implements ObservationDocumentation {

    /**
     * One delivery of changes to the application's listeners: the publication of one change event (record mode) or
     * of one {@code ItemChangesEvent} (batch mode), from the start of the item mapping to the return of the last
     * listener. Named {@code dynamodb.stream.listener}.
     */
    LISTENER {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultDynamoDbStreamDeliveryConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeys.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return HighCardinalityKeys.values();
        }
    };

    /** Keys with few values: tags of the timer. */
    public enum LowCardinalityKeys implements KeyName {

        /** The stream's name in the configuration. */
        STREAM {
            @Override
            public String asString() {
                return "dynamodb.stream.name";
            }
        },

        /** The table whose changes the stream carries. */
        TABLE {
            @Override
            public String asString() {
                return "dynamodb.stream.table";
            }
        },

        /** INSERT, MODIFY or REMOVE; BATCH for an {@code ItemChangesEvent}. */
        CHANGE_TYPE {
            @Override
            public String asString() {
                return "dynamodb.stream.change.type";
            }
        },

        /** SUCCESS when every listener returned, FAILURE when one threw (the error is on the observation). */
        OUTCOME {
            @Override
            public String asString() {
                return "dynamodb.stream.outcome";
            }
        }
    }

    /** Keys with many values: on spans, never on meters. */
    public enum HighCardinalityKeys implements KeyName {

        /** The shard the changes were read from. */
        SHARD {
            @Override
            public String asString() {
                return "dynamodb.stream.shard";
            }
        },

        /** The sequence number of the change (of the first change, in batch mode). */
        SEQUENCE_NUMBER {
            @Override
            public String asString() {
                return "dynamodb.stream.sequence.number";
            }
        }
    }
}
