using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;
using PrintFarm.Protocol;

namespace PrintFarm.Bench.Cluster;

/// <summary>
/// Publishes telemetry-shaped messages (QoS 0, like real telemetry) as fast as a few
/// connections can, over a set of printer ids of its own, to find what the broker can deliver.
/// The messages carry no timestamp, so they never count in the farm's latency figures. Each
/// printer first announces itself, as a real one does: the farm drops telemetry from printers it
/// does not know, and the flood is meant to measure the real path. A flood over printers the
/// simulators already run does not announce them again: their own status (materials) stands.
/// </summary>
public static class BrokerFlood
{
    /// <param name="printerIds">The printers the flood speaks for: ids the simulators use, so the grains it wakes are theirs.</param>
    public static async Task<long> Run(string host, int port, IReadOnlyList<string> printerIds, bool announce, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var payload = FarmJson.Serialize(new PrinterTelemetryMessage
        {
            Activity = PrinterActivity.Idle,
            Nozzle = new Temperature(24.8, 0),
            Bed = new Temperature(23.1, 0),
        });
        var topics = printerIds.Select(id => FarmTopics.For(id, FarmTopics.Telemetry)).ToArray();
        var factory = new MqttClientFactory();
        var clients = new List<IMqttClient>();
        try
        {
            for (var c = 0; c < connections; c++)
            {
                var client = factory.CreateMqttClient();
                await client.ConnectAsync(factory.CreateClientOptionsBuilder().WithTcpServer(host, port)
                    .WithClientId($"bench-flood-{c}-{Environment.ProcessId}").WithCleanSession().Build(), cancellationToken);
                clients.Add(client);
            }
            var status = FarmJson.Serialize(new PrinterStatusMessage { Online = true, Technology = "FDM", Materials = ["PLA"] });
            foreach (var id in announce ? printerIds : [])
            {
                await clients[0].PublishAsync(new MqttApplicationMessageBuilder().WithTopic(FarmTopics.For(id, FarmTopics.Status))
                    .WithPayload(status).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
            }
            long sent = 0;
            var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
            {
                var i = c;
                while (Stopwatch.GetTimestamp() < stopAt && !cancellationToken.IsCancellationRequested)
                {
                    var message = new MqttApplicationMessageBuilder().WithTopic(topics[i % topics.Length]).WithPayload(payload)
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build();
                    await client.PublishAsync(message, cancellationToken);
                    Interlocked.Increment(ref sent);
                    i += connections;
                }
            }, cancellationToken)));
            return sent;
        }
        finally
        {
            foreach (var client in clients)
            {
                try { await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None); } catch (Exception) { }
                client.Dispose();
            }
        }
    }
}
