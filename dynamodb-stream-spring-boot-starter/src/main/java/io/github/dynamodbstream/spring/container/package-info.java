/**
 * The contract every listener container keeps, whichever the coordination mode: whether it runs, how each stream's
 * reading goes, and the one observer SPI. The starter's health indicator, endpoint and meters are written against it.
 */
package io.github.dynamodbstream.spring.container;
