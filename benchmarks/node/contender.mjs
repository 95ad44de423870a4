// The Node.js library dynamodb-stream 1.1.4 as a benchmark contender, driven by the Java harness.
//
// Environment: ENDPOINT, REGION, STREAM_ARN, POLL_MS.
// stdin commands, one a line: GO (start polling), STATS (print rounds, CPU and heap), STOP (finish and exit).
// stdout lines: READY <shards> once positioned; D <id> <epochMicros> per record delivered to the listener (written
// after each round, timed when the listener was entered); STATS <rounds> <cpuMicros> <heapBytes> <errors>; STOPPED.
import { createInterface } from 'node:readline'
import { performance } from 'node:perf_hooks'
import { DynamoDBStreams } from '@aws-sdk/client-dynamodb-streams'
import DynamoDBStream from 'dynamodb-stream'

const env = (name) => {
  const value = process.env[name]
  if (!value) {
    console.error(`contender.mjs needs the environment variable ${name}`)
    process.exit(2)
  }
  return value
}

const pollMs = Number(env('POLL_MS'))
const client = new DynamoDBStreams({
  endpoint: env('ENDPOINT'),
  region: env('REGION'),
  credentials: { accessKeyId: 'benchmark', secretAccessKey: 'benchmark' }
})
// The library calls describeStream / getShardIterator / getRecords and awaits their promises, which is what the
// SDK v3 aggregated client returns. Its third argument maps each image; the identity keeps the wire shape, as
// cheap as it gets, and the listener reads the key from it.
const keepWireShape = (image) => image
const stream = new DynamoDBStream(client, env('STREAM_ARN'), keepWireShape)

const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000)
let pending = []
let delivered = 0
stream.on('insert record', (item, keys) => {
  pending.push(`D ${keys.id.N} ${nowMicros()}`)
  delivered++
})

const flush = () => {
  if (pending.length > 0) {
    process.stdout.write(pending.join('\n') + '\n')
    pending = []
  }
}

let rounds = 0
let errors = 0
let stopping = false
let polling = null
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function round () {
  try {
    await stream.fetchStreamState()
  } catch (e) {
    errors++
    console.error(`fetchStreamState failed: ${e.name}: ${e.message}`)
  }
  rounds++
  flush()
}

// Rounds never overlap. The next round starts at once when the last one delivered records (the library reads one
// page per shard a round, so there may be more), otherwise after the poll interval.
async function poll () {
  while (!stopping) {
    const before = delivered
    await round()
    if (delivered === before && !stopping) {
      await sleep(pollMs)
    }
  }
}

const startCpu = process.cpuUsage()
await round()
process.stdout.write(`READY ${stream.getShardState ? Object.keys(stream.getShardState()).length : 0}\n`)

const commands = createInterface({ input: process.stdin })
commands.on('line', async (line) => {
  const command = line.trim()
  if (command === 'GO' && polling === null) {
    polling = poll()
  } else if (command === 'STATS') {
    const cpu = process.cpuUsage(startCpu)
    process.stdout.write(`STATS ${rounds} ${cpu.user + cpu.system} ${process.memoryUsage().heapUsed} ${errors}\n`)
  } else if (command === 'STOP') {
    stopping = true
    if (polling !== null) {
      await polling
    }
    flush()
    process.stdout.write('STOPPED\n')
    commands.close()
    process.exit(0)
  }
})
