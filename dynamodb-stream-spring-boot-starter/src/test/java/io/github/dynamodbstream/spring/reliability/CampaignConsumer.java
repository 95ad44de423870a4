package io.github.dynamodbstream.spring.reliability;

import io.github.dynamodbstream.spring.event.DataLossEvent;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.event.ItemModifiedEvent;
import io.github.dynamodbstream.spring.event.ItemRemovedEvent;
import io.github.dynamodbstream.test.checkpoint.AcknowledgementLedger;
import org.springframework.context.event.EventListener;

/**
 * The campaign application's listeners: typed {@code @EventListener} methods that record each change with the
 * generation that processed it, throw when a listener failure is armed (on the next changes, or several times on one
 * poison change), and kill the generation when a crash is.
 */
class CampaignConsumer {

    private final Generation generation;
    private final Deliveries deliveries;
    private final AcknowledgementLedger ledger;

    CampaignConsumer(Generation generation, Deliveries deliveries, AcknowledgementLedger ledger) {
        this.generation = generation;
        this.deliveries = deliveries;
        this.ledger = ledger;
    }

    @EventListener
    void onInsert(ItemInsertedEvent<CampaignItem> event) {
        record(event, 2 * event.item().version());
    }

    @EventListener
    void onModify(ItemModifiedEvent<CampaignItem> event) {
        record(event, 2 * event.newItem().version());
    }

    @EventListener
    void onRemove(ItemRemovedEvent<CampaignItem> event) {
        record(event, 2 * event.oldItem().version() + 1);
    }

    @EventListener
    void onDataLoss(DataLossEvent event) {
        deliveries.problems.add("data loss: " + event);
    }

    private void record(ItemChangeEvent<CampaignItem> event, long order) {
        if (generation.isDead()) {
            throw new SimulatedCrash("(a dead consumer processes nothing)");
        }
        if (generation.takeCrashAtDelivery()) {
            generation.die();
            throw new SimulatedCrash("in the listener, shard " + event.shardId());
        }
        if (generation.takeDeliveryFailure()) {
            throw new IllegalStateException("injected listener failure");
        }
        if (generation.poisoned(event.shardId() + "/" + event.sequenceNumber())) {
            throw new IllegalStateException("injected poison record");
        }
        deliveries.all.add(new Deliveries.Delivery(generation.number(), event.shardId(), event.sequenceNumber(),
                event.keys().get("id").s(), order, ledger.isAcknowledged(event.shardId(), event.sequenceNumber())));
    }
}
