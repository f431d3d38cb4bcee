using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using PrintFarm.Silo.Mqtt;
using PrintFarm.Printers;
using PrintFarm.Silo.Telemetry;

namespace PrintFarm.Tests.Mqtt;

/// <summary>
/// A topic name may not hold the wildcards '+' and '#' (MQTT 3.1.1 §3.3.2.1, §4.7.1; MQTT 5
/// §3.3.2.1, §4.7) nor U+0000 (§1.5.3 / §1.5.4); a receiver of such a PUBLISH must close the
/// network connection. The embedded broker does, and nobody else notices.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ForbiddenTopicTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static TheoryData<string, byte> Forbidden => new()
    {
        { "farm/printers/x/+", 4 },
        { "farm/printers/#", 4 },
        { "farm/printers/x\0y/telemetry", 4 },
        { "farm/printers/+/telemetry", 5 },
        { "farm/#", 5 },
        { "farm/printers/x/telemetry\0", 5 },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task A_publish_to_a_forbidden_topic_closes_that_connection_only(string topic, byte protocolLevel)
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort.Next();
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var stats = new IngressStats(services.GetRequiredService<IMeterFactory>());
        var log = new RecordingLogger<EmbeddedBroker>();
        var printers = new StaticCredentials("rogue-printer", "good-printer");
        var options = Options.Create(new MqttOptions { Port = port, Username = "printfarm-silo", Password = printers.FarmPassword });
        var logins = new BrokerLogins(options, printers);
        logins.FarmIsUp();
        await using var broker = new EmbeddedBroker(options, logins, stats, log);
        await broker.StartAsync(ct);

        var factory = new MqttClientFactory();
        using var watcher = factory.CreateMqttClient();
        var seen = new ConcurrentQueue<string>();
        watcher.ApplicationMessageReceivedAsync += e => { seen.Enqueue(e.ApplicationMessage.Topic); return Task.CompletedTask; };
        await watcher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("watcher").WithCredentials("printfarm-silo", printers.FarmPassword).Build(), ct);
        await watcher.SubscribeAsync("farm/#", MqttQualityOfServiceLevel.AtLeastOnce, ct);

        await using var rogue = new RawMqttClient(protocolLevel);
        await rogue.Connect(port, "rogue-printer", ct, "rogue-printer", printers.PasswordOf("rogue-printer"));
        await rogue.Publish("farm/printers/rogue-printer/telemetry", """{"activity":"Idle"}""", ct);
        await rogue.Ping(ct); // a well-formed publish keeps the connection
        await Eventually.Get(() => Task.FromResult(seen.ToArray()), s => s.Contains("farm/printers/rogue-printer/telemetry"), Patience, "the rogue's well-formed message");

        await rogue.Publish(topic, """{"secret":"payload"}""", ct);
        Assert.True(await rogue.ClosedByBroker(Patience), $"the broker kept the connection after a PUBLISH to '{topic.Replace("\0", "\\0")}'");
        Assert.Equal(1, stats.ForbiddenTopic);
        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning).Message;
        Assert.Contains("rogue-printer", warning);
        Assert.Contains(topic.Replace("\0", "\\u0000"), warning);
        Assert.DoesNotContain("secret", warning);

        using var printer = factory.CreateMqttClient();
        await printer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("good-printer").WithCredentials("good-printer", printers.PasswordOf("good-printer")).Build(), ct);
        await printer.PublishStringAsync("farm/printers/good-printer/telemetry", """{"activity":"Idle"}""", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: ct);
        await Eventually.Get(() => Task.FromResult(seen.ToArray()), s => s.Contains("farm/printers/good-printer/telemetry"), Patience, "a well-behaved printer's message");
        Assert.True(watcher.IsConnected);
        Assert.DoesNotContain(topic, seen);
    }
}
