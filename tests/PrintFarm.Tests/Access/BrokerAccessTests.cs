using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using PrintFarm.Protocol;

namespace PrintFarm.Tests.Access;

/// <summary>
/// Printers prove who they are, on both of the farm's brokers: the embedded MQTTnet broker and
/// mosquitto with the files the silo writes. Each "nothing happened" is checked behind a barrier
/// the broker must deliver after it (same publisher, same subscriber: in order), never a sleep.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BrokerAccessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Brokers => new() { "embedded", "mosquitto" };

    private static async Task<MqttClientConnectResultCode> TryConnect(MqttClientOptions options)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            var result = await client.ConnectAsync(options, Ct);
            return result.ResultCode;
        }
        catch (MqttCommunicationException)
        {
            // Refused, or the connection closed before an answer: not in, either way.
            return MqttClientConnectResultCode.UnspecifiedError;
        }
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Anonymous_clients_and_wrong_passwords_are_refused(string broker)
    {
        await using var farm = await FarmBroker.Start(broker, ["acc-a"], Ct);
        var anonymous = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", farm.PrinterPort).WithClientId("acc-a").Build();
        Assert.NotEqual(MqttClientConnectResultCode.Success, await TryConnect(anonymous));
        Assert.NotEqual(MqttClientConnectResultCode.Success, await TryConnect(farm.Printer("acc-a", "not-the-password-at-all").Build()));
        // Another printer's password is a wrong password too.
        Assert.NotEqual(MqttClientConnectResultCode.Success, await TryConnect(farm.Printer("acc-a", PrintFarm.Printers.Access.PrinterPassword.New()).Build()));
        Assert.Equal(MqttClientConnectResultCode.Success, await TryConnect(farm.Printer("acc-a").Build()));
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task A_printer_cannot_publish_as_another_and_its_message_changes_nothing(string broker)
    {
        await using var farm = await FarmBroker.Start(broker, ["acc-a", "acc-b"], Ct);
        var factory = new MqttClientFactory();
        using var witness = factory.CreateMqttClient();
        var seen = new ConcurrentQueue<string>();
        witness.ApplicationMessageReceivedAsync += e => { seen.Enqueue(e.ApplicationMessage.Topic); return Task.CompletedTask; };
        await witness.ConnectAsync(farm.FarmClient("printfarm-silo-witness").Build(), Ct);
        await witness.SubscribeAsync("farm/printers/#", MqttQualityOfServiceLevel.AtLeastOnce, Ct);

        using var a = factory.CreateMqttClient();
        await a.ConnectAsync(farm.Printer("acc-a").Build(), Ct);
        var online = JsonSerializer.Serialize(new { online = true, model = "Impostor", materials = new[] { "PLA" } });
        try
        {
            await a.PublishStringAsync(FarmTopics.For("acc-b", FarmTopics.Status), online, MqttQualityOfServiceLevel.AtLeastOnce, retain: true, Ct);
            await a.PublishStringAsync(FarmTopics.For("acc-b", FarmTopics.Events), """{"eventId":"x1","type":"JobFinished","jobId":"job-never-printed"}""", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: Ct);
        }
        catch (MqttCommunicationException)
        {
            // The embedded broker closes the connection of a printer publishing outside its topics.
        }

        // The barrier: A's own status, after the forbidden ones, from a connection of its own.
        using var again = factory.CreateMqttClient();
        if (!a.IsConnected) await again.ConnectAsync(farm.Printer("acc-a").Build(), Ct);
        var own = a.IsConnected ? a : again;
        await own.PublishStringAsync(FarmTopics.For("acc-a", FarmTopics.Status), online, MqttQualityOfServiceLevel.AtLeastOnce, retain: true, Ct);
        await Eventually.Get(() => Task.FromResult(seen.ToArray()), s => s.Contains(FarmTopics.For("acc-a", FarmTopics.Status)), Patience, "A's own status");
        await Eventually.Get(async () => (await farm.Farm.Http.GetAsync("/api/printers/acc-a", Ct)).StatusCode, s => s == HttpStatusCode.OK, Patience, "A in the farm");

        Assert.DoesNotContain(FarmTopics.For("acc-b", FarmTopics.Status), seen);
        Assert.DoesNotContain(FarmTopics.For("acc-b", FarmTopics.Events), seen);
        Assert.Equal(HttpStatusCode.NotFound, (await farm.Farm.Http.GetAsync("/api/printers/acc-b", Ct)).StatusCode);
        Assert.Equal(0, farm.Farm.Ingress.Events);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task A_printer_cannot_subscribe_to_everything_or_to_another_printers_commands(string broker)
    {
        await using var farm = await FarmBroker.Start(broker, ["acc-a", "acc-b"], Ct);
        var factory = new MqttClientFactory();
        using var a = factory.CreateMqttClient();
        var received = new ConcurrentQueue<string>();
        a.ApplicationMessageReceivedAsync += e => { received.Enqueue(e.ApplicationMessage.Topic); return Task.CompletedTask; };
        await a.ConnectAsync(farm.Printer("acc-a").Build(), Ct);
        var granted = await a.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("#", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(FarmTopics.For("acc-b", FarmTopics.Commands), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(FarmTopics.For("acc-a", FarmTopics.Commands), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), Ct);
        if (broker == "embedded")
        {
            // MQTTnet answers each filter; mosquitto 2.0 grants and then delivers nothing the ACL denies.
            Assert.True(granted.Items.ElementAt(0).ResultCode > MqttClientSubscribeResultCode.GrantedQoS2, "subscribing to # was granted");
            Assert.True(granted.Items.ElementAt(1).ResultCode > MqttClientSubscribeResultCode.GrantedQoS2, "subscribing to B's commands was granted");
        }

        using var silo = factory.CreateMqttClient();
        await silo.ConnectAsync(farm.FarmClient("printfarm-silo-sender").Build(), Ct);
        await silo.PublishStringAsync(FarmTopics.For("acc-b", FarmTopics.Commands), """{"type":"Cancel","jobId":"b-job"}""", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: Ct);
        await silo.PublishStringAsync(FarmTopics.For("acc-a", FarmTopics.Commands), """{"type":"Cancel","jobId":"a-job"}""", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: Ct);

        await Eventually.Get(() => Task.FromResult(received.ToArray()), r => r.Contains(FarmTopics.For("acc-a", FarmTopics.Commands)), Patience, "A's own command");
        Assert.All(received, topic => Assert.Equal(FarmTopics.For("acc-a", FarmTopics.Commands), topic));
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task A_revoked_printer_is_disconnected_at_once_and_cannot_log_in_again(string broker)
    {
        await using var farm = await FarmBroker.Start(broker, ["acc-a"], Ct);
        using var a = new MqttClientFactory().CreateMqttClient();
        var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        a.DisconnectedAsync += _ => { dropped.TrySetResult(); return Task.CompletedTask; };
        await a.ConnectAsync(farm.Printer("acc-a").Build(), Ct);

        var revoked = await farm.Farm.Http.DeleteAsync("/api/printers/acc-a/credentials", Ct);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await dropped.Task.WaitAsync(Patience, Ct);
        Assert.NotEqual(MqttClientConnectResultCode.Success, await TryConnect(farm.Printer("acc-a").Build()));

        var view = JsonDocument.Parse(await farm.Farm.Http.GetStringAsync("/api/printers/acc-a/credentials", Ct)).RootElement;
        Assert.False(view.GetProperty("active").GetBoolean());
        Assert.DoesNotContain("$7$", view.GetRawText());

        // New credentials let it in again, shown once; the old password stays refused.
        var issued = await farm.Farm.Http.PostAsync("/api/printers/acc-a/credentials", null, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal("no-store", issued.Headers.CacheControl?.ToString());
        var password = JsonDocument.Parse(await issued.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("password").GetString()!;
        Assert.NotEqual(MqttClientConnectResultCode.Success, await TryConnect(farm.Printer("acc-a").Build()));
        await Eventually.Get(() => TryConnect(farm.Printer("acc-a", password).Build()), r => r == MqttClientConnectResultCode.Success, Patience, "the new password accepted");
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task A_reserved_client_id_without_the_farms_credentials_does_not_take_the_silos_session(string broker)
    {
        await using var farm = await FarmBroker.Start(broker, ["acc-a"], Ct);
        foreach (var id in new[] { FarmBroker.SiloClientId, "printfarm-link-acc-a" })
        {
            var anonymous = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", farm.PrinterPort).WithClientId(id).Build();
            Assert.NotEqual(MqttClientConnectResultCode.Success, await TryConnect(anonymous));
            // With a printer's login: refused by the embedded broker; on mosquitto's printers'
            // listener the client id becomes the username, so it is just printer A.
            var asPrinter = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", farm.PrinterPort).WithClientId(id)
                .WithCredentials("acc-a", farm.Farm.Logins.PasswordOf("acc-a")).Build();
            using var client = new MqttClientFactory().CreateMqttClient();
            MqttClientConnectResultCode code;
            try { code = (await client.ConnectAsync(asPrinter, Ct)).ResultCode; }
            catch (MqttCommunicationException) { code = MqttClientConnectResultCode.UnspecifiedError; }
            if (broker == "embedded") Assert.NotEqual(MqttClientConnectResultCode.Success, code);
            if (client.IsConnected) await client.DisconnectAsync(cancellationToken: Ct);
            if (farm.Mosquitto is not null)
            {
                // The farm's own listener knows the farm's account only.
                var onFarmListener = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", farm.FarmPort).WithClientId(id)
                    .WithCredentials("acc-a", farm.Farm.Logins.PasswordOf("acc-a")).Build();
                Assert.NotEqual(MqttClientConnectResultCode.Success, await TryConnect(onFarmListener));
            }
        }

        // The silo's session survived: a printer's status still reaches the farm through it.
        using var a = new MqttClientFactory().CreateMqttClient();
        await a.ConnectAsync(farm.Printer("acc-a").Build(), Ct);
        await a.PublishStringAsync(FarmTopics.For("acc-a", FarmTopics.Status), """{"online":true,"model":"MK4","materials":["PLA"]}""",
            MqttQualityOfServiceLevel.AtLeastOnce, retain: true, Ct);
        await Eventually.Get(async () => (await farm.Farm.Http.GetAsync("/api/printers/acc-a", Ct)).StatusCode, s => s == HttpStatusCode.OK, Patience,
            "A's status through the silo's session");
    }
}
