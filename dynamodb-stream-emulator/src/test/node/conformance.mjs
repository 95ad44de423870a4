// Drives the emulator at the endpoint given as the first argument with the AWS SDK for JavaScript v3 and prints
// what it observed as one line "RESULT <json>"; the Java test asserts on it. To move the emulator's clock it prints
// "ADVANCE <milliseconds>" and waits for the line "OK" on its standard input.
import { createInterface } from 'node:readline';
import {
  CreateTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, ScanCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';

const [endpoint, statusDelayMillis] = process.argv.slice(2);
const config = {
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'conformance', secretAccessKey: 'conformance' },
  maxAttempts: 1,
};
const dynamoDb = new DynamoDBClient(config);
const streams = new DynamoDBStreamsClient(config);
const input = createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();
setTimeout(() => {
  console.error('conformance.mjs gave up after 120 seconds');
  process.exit(3);
}, 120_000).unref();

async function advanceClock() {
  console.log(`ADVANCE ${statusDelayMillis}`);
  const { value } = await lines.next();
  if (value !== 'OK') {
    throw new Error(`expected OK after ADVANCE, got ${value}`);
  }
}

async function errorOf(promise) {
  try {
    await promise;
    return { name: 'none' };
  } catch (error) {
    return { name: error.name, message: error.message };
  }
}

function table(name, withStream) {
  return new CreateTableCommand({
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    StreamSpecification: withStream ? { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } : undefined,
  });
}

async function tableStatus(name) {
  return (await dynamoDb.send(new DescribeTableCommand({ TableName: name }))).Table.TableStatus;
}

async function streamStatus(arn) {
  return (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription.StreamStatus;
}

async function readStream(arn) {
  const records = [];
  const { Shards } = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription;
  for (const shard of Shards) {
    let iterator = (await streams.send(new GetShardIteratorCommand({
      StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON',
    }))).ShardIterator;
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...page.Records);
      iterator = page.Records.length > 0 ? page.NextShardIterator : undefined;
    }
  }
  return records;
}

const result = {};

// Statuses: a table is CREATING, then ACTIVE; a stream turned on is ENABLING, then ENABLED.
const created = await dynamoDb.send(table('numbers', true));
result.createTableStatus = created.TableDescription.TableStatus;
result.describedWhileCreating = await tableStatus('numbers');
result.putWhileCreating = await errorOf(dynamoDb.send(new PutItemCommand({
  TableName: 'numbers', Item: { pk: { S: 'early' }, sk: { N: '1' } },
})));
await advanceClock();
result.describedAfterDelay = await tableStatus('numbers');

await dynamoDb.send(table('plain', false));
await advanceClock();
const updated = await dynamoDb.send(new UpdateTableCommand({
  TableName: 'plain', StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
}));
result.updateTableStatus = updated.TableDescription.TableStatus;
result.streamWhileEnabling = await streamStatus(updated.TableDescription.LatestStreamArn);
await advanceClock();
result.tableAfterUpdate = await tableStatus('plain');
result.streamAfterDelay = await streamStatus(updated.TableDescription.LatestStreamArn);

// Numbers: written with extra zeros, answered without them; 1.0 and 1 are one key; a no-op write writes no record.
await dynamoDb.send(new PutItemCommand({
  TableName: 'numbers',
  Item: { pk: { S: 'a' }, sk: { N: '1.0' }, price: { N: '1.50' }, count: { N: '0100' } },
}));
await dynamoDb.send(new PutItemCommand({
  TableName: 'numbers',
  Item: { pk: { S: 'a' }, sk: { N: '1' }, price: { N: '1.5' }, count: { N: '100' } },
}));
const item = (await dynamoDb.send(new GetItemCommand({
  TableName: 'numbers', Key: { pk: { S: 'a' }, sk: { N: '01.00' } },
}))).Item;
result.item = { sk: item.sk.N, price: item.price.N, count: item.count.N };
result.itemCount = (await dynamoDb.send(new ScanCommand({ TableName: 'numbers' }))).Count;
const records = await readStream(created.TableDescription.LatestStreamArn);
result.records = records.map((record) => ({
  eventName: record.eventName, keySk: record.dynamodb.Keys.sk.N, sizeBytes: record.dynamodb.SizeBytes,
}));
result.thirtyNineDigits = await errorOf(dynamoDb.send(new PutItemCommand({
  TableName: 'numbers', Item: { pk: { S: 'b' }, sk: { N: '1' }, big: { N: '1' + '0'.repeat(37) + '1' } },
})));
result.numberSetDuplicate = await errorOf(dynamoDb.send(new PutItemCommand({
  TableName: 'numbers', Item: { pk: { S: 'b' }, sk: { N: '1' }, set: { NS: ['1', '1.0'] } },
})));

// ListStreams for a table that does not exist.
result.listStreamsUnknownTable = await errorOf(streams.send(new ListStreamsCommand({ TableName: 'missing' })));

console.log(`RESULT ${JSON.stringify(result)}`);
input.close();
dynamoDb.destroy();
streams.destroy();
