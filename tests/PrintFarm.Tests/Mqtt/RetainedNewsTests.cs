using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using PrintFarm.Harness;
using PrintFarm.Protocol;
using PrintFarm.Silo.Mqtt;

namespace PrintFarm.Tests.Mqtt;

/// <summary>
/// mosquitto's ACL cannot refuse a printer's retain flag on its own telemetry and events topics
/// (the embedded broker does). The silo ignores such a retained message when it subscribes and
/// clears it from the broker; a retained status is the printer's last word and is kept.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RetainedNewsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class RecordingSubscriber : IMqttSubscriber
    {
        public ConcurrentQueue<string> Topics { get; } = new();

        public IEnumerable<(string Filter, MqttQualityOfServiceLevel Qos)> Filters =>
        [
            (FarmTopics.AllPrinters(FarmTopics.Telemetry), MqttQualityOfServiceLevel.AtMostOnce),
            (FarmTopics.AllPrinters(FarmTopics.Events), MqttQualityOfServiceLevel.AtLeastOnce),
            (FarmTopics.AllPrinters(FarmTopics.Status), MqttQualityOfServiceLevel.AtLeastOnce),
        ];

        public bool Handles(string topic) => topic.StartsWith(FarmTopics.Root + "/", StringComparison.Ordinal);

        public bool MayBeRetained(string topic) => FarmTopics.MayBeRetained(topic);

        public Task Receive(string topic, ReadOnlySequence<byte> payload)
        {
            Topics.Enqueue(topic);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_retained_telemetry_or_event_on_mosquitto_is_not_handed_on_and_is_cleared_while_a_retained_status_is_kept()
    {
        var password = PrintFarm.Printers.Access.PrinterPassword.New();
        await using var mosquitto = await PrivateMosquitto.StartForFarmAsync(Path.Combine(TestFolders.Root, "retained"), "printfarm-silo", password, Ct);
        MqttClientOptions Farm(string clientId) => new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosquitto.FarmPort)
            .WithClientId(clientId).WithCredentials("printfarm-silo", password).WithCleanSession().Build();

        // What a printer can leave on mosquitto: its ACL allows writing its own topics, retained or not.
        using (var printer = new MqttClientFactory().CreateMqttClient())
        {
            await printer.ConnectAsync(Farm("plays-ret-1"), Ct);
            foreach (var (channel, payload) in new[]
            {
                (FarmTopics.Telemetry, """{"activity":"printing","jobId":"old-job","progress":50}"""),
                (FarmTopics.Events, """{"eventId":"old-1","type":"jobFinished","jobId":"old-job"}"""),
                (FarmTopics.Status, """{"online":true,"model":"MK4","materials":["PLA"]}"""),
            })
            {
                await printer.PublishStringAsync(FarmTopics.For("ret-1", channel), payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: true, Ct);
            }
            await printer.DisconnectAsync(cancellationToken: Ct);
        }
        Assert.Equal(3, (await RetainedOf("ret-1")).Count);

        // A silo subscribes: the status reaches the farm, the old telemetry and event do not.
        var subscriber = new RecordingSubscriber();
        var silo = new FarmMqttClient(Options.Create(new MqttOptions
        {
            Embedded = false, Host = "127.0.0.1", Port = mosquitto.FarmPort, ClientId = "printfarm-silo-retained", Username = "printfarm-silo", Password = password,
        }), [subscriber], TimeProvider.System, NullLogger<FarmMqttClient>.Instance);
        await silo.StartAsync(Ct);
        try
        {
            await Eventually.Get(() => RetainedOf("ret-1"), r => r.SetEquals([FarmTopics.Status]), TimeSpan.FromSeconds(30),
                "the retained telemetry and event cleared from mosquitto");
            await Eventually.Get(() => Task.FromResult(subscriber.Topics.ToArray()), t => t.Length > 0, TimeSpan.FromSeconds(30), "the retained status handed on");
            Assert.Equal([FarmTopics.For("ret-1", FarmTopics.Status)], subscriber.Topics.Distinct());
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None);
            silo.Dispose();
        }

        // What mosquitto retains for ret-1 now, by channel: a fresh subscriber, then a message of
        // its own after its SUBSCRIBE as the barrier (mosquitto sends the retained ones first).
        async Task<HashSet<string>> RetainedOf(string printerId)
        {
            var seen = new ConcurrentQueue<string>();
            var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                if (e.ApplicationMessage.Topic == "test/barrier") barrier.TrySetResult();
                else if (e.ApplicationMessage.Retain) seen.Enqueue(e.ApplicationMessage.Topic.Split('/')[^1]);
                return Task.CompletedTask;
            };
            await client.ConnectAsync(Farm($"reader-{Guid.NewGuid():N}"), Ct);
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter($"{FarmTopics.Root}/{printerId}/#", MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter("test/barrier", MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
            await client.PublishStringAsync("test/barrier", "", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: Ct);
            await barrier.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            await client.DisconnectAsync(cancellationToken: Ct);
            return [.. seen];
        }
    }
}
