package io.github.dynamodbstream.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChangeTypeTest {

    @ParameterizedTest
    @EnumSource(ChangeType.class)
    void eventNameIsTheConstantName(ChangeType type) {
        assertThat(ChangeType.fromEventName(type.name())).isSameAs(type);
    }

    @Test
    void unknownEventNameIsRejectedListingTheKnownOnes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChangeType.fromEventName("insert"))
                .withMessage("Unknown stream record eventName 'insert': expected one of INSERT, MODIFY, REMOVE");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChangeType.fromEventName(null))
                .withMessageContaining("'null'");
    }
}
