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
/// does not know, and the flood is meant to measure the real path.
/// </summary>
public static class BrokerFlood
{
    /// <param name="idPrefix">Printer ids are this prefix and 001, 002… as the simulator numbers them.</param>
    public static async Task<long> Run(string host, int port, string idPrefix, int printers, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var payload = FarmJson.Serialize(new PrinterTelemetryMessage
        {
            Activity = PrinterActivity.Idle,
            Nozzle = new Temperature(24.8, 0),
            Bed = new Temperature(23.1, 0),
        });
        var topics = Enumerable.Range(1, printers).Select(n => FarmTopics.For($"{idPrefix}{n:D3}", FarmTopics.Telemetry)).ToArray();
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
            for (var n = 1; n <= printers; n++)
            {
                await clients[0].PublishAsync(new MqttApplicationMessageBuilder().WithTopic(FarmTopics.For($"{idPrefix}{n:D3}", FarmTopics.Status))
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
