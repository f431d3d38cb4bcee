using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;
using PrintFarm.Protocol;

namespace PrintFarm.Tests.Processes;

/// <summary>
/// A printer the test drives by hand over a real broker, speaking the farm protocol as any
/// outside client would: it can send an event twice, or never send one, on purpose.
/// </summary>
public sealed class OutsidePrinter : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<PrinterCommandMessage> _commands = new();

    private OutsidePrinter(string id) => Id = id;

    public string Id { get; }

    /// <param name="password">Its login on the farm's mosquitto (ProcessFarm.Logins); it connects once the silo has written it into mosquitto's files.</param>
    public static async Task<OutsidePrinter> Connect(PrivateMosquitto broker, string id, string material, string password)
    {
        await Eventually.Get(() => Task.FromResult(File.Exists(broker.PasswordFile) && File.ReadAllText(broker.PasswordFile).Contains(id + ":$7$")),
            ok => ok, TimeSpan.FromSeconds(120), $"{id} in mosquitto's password file");
        var printer = new OutsidePrinter(id);
        printer._client.ApplicationMessageReceivedAsync += e =>
        {
            printer._commands.Enqueue(FarmJson.Deserialize<PrinterCommandMessage>(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
        await printer._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.Port).WithClientId(id).WithCredentials(id, password).WithCleanSession(false).Build());
        await printer._client.SubscribeAsync(FarmTopics.For(id, FarmTopics.Commands), MqttQualityOfServiceLevel.AtLeastOnce);
        await printer.Publish(FarmTopics.Status, new PrinterStatusMessage { Online = true, Model = "Outside MK1", Materials = [material] }, retain: true);
        await printer.Telemetry(PrinterActivity.Idle);
        return printer;
    }

    public Task<PrinterCommandMessage> NextStart(TimeSpan patience) =>
        Eventually.Get(() => Task.FromResult(_commands.FirstOrDefault(c => c.Type == PrinterCommandType.Start)),
            c => c is not null, patience, $"a start command for {Id}")!;

    public Task Telemetry(PrinterActivity activity, string? jobId = null, double? progress = null, PrinterEventMessage? lastOutcome = null) =>
        Publish(FarmTopics.Telemetry, new PrinterTelemetryMessage
        {
            Activity = activity, JobId = jobId, Progress = progress, At = DateTimeOffset.UtcNow, LastOutcome = lastOutcome,
        }, qos: MqttQualityOfServiceLevel.AtMostOnce);

    public Task Event(PrinterEventMessage message) => Publish(FarmTopics.Events, message);

    public static PrinterEventMessage NewEvent(PrinterEventType type, string jobId) => new()
    {
        EventId = Guid.NewGuid().ToString("N"), Type = type, JobId = jobId, At = DateTimeOffset.UtcNow,
    };

    private async Task Publish<T>(string channel, T message, bool retain = false, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(FarmTopics.For(Id, channel))
            .WithPayload(FarmJson.Serialize(message))
            .WithQualityOfServiceLevel(qos)
            .WithRetainFlag(retain)
            .Build());
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
