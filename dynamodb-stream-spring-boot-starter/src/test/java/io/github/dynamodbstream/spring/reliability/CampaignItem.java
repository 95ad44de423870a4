package io.github.dynamodbstream.spring.reliability;

/** The campaign's items, mapped by the starter from the stream's images: a key and the version written. */
public record CampaignItem(String id, long version) {
}
