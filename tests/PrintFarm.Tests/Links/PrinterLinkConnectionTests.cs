using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Protocol;
using MQTTnet.Server;
using PrintFarm.Printers.Links;
using PrintFarm.Silo.Telemetry.Links;
using PrintFarm.Tests.Resilience;

namespace PrintFarm.Tests.Links;

/// <summary>
/// One printer link's reconnect loop on a fake clock, against a port nothing listens on and an
/// in-process broker: it waits the backoff on the clock before each new try, and a lost connection
/// is tried again at once with the waits starting again from the first delay.
/// </summary>
[Trait("Category", "Unit")]
public sealed class PrinterLinkConnectionTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(7);
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);

    private static LinkConnectionSettings Settings(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        ClientId = "printfarm-backoff-test",
        Subscriptions = [("device/+/report", PrintFarm.Protocol.MessageQos.AtMostOnce)],
        ConnectTimeout = ConnectTimeout,
        ReconnectDelay = First,
        ReconnectMaxDelay = TimeSpan.FromSeconds(60),
        MaxPayloadBytes = 1024,
    };

    // Each try arms its connect timeout on the clock; anything else armed is a backoff wait.
    private static bool IsTry(ArmedWait wait) => wait.Due == ConnectTimeout;
    private static bool IsBackoff(ArmedWait wait) => wait.Due != ConnectTimeout;

    [Fact]
    public async Task A_printer_that_is_off_is_tried_again_only_once_its_wait_has_passed_on_the_clock()
    {
        var clock = new WatchedClock();
        var sink = new RecordingLinkSink();
        await using var connection = new PrinterLinkConnection(Settings(FreePort.Next()), sink, clock, NullLogger.Instance);
        connection.Start();

        var firstTry = await clock.NextWait(IsTry);
        var failed = await sink.Next();
        Assert.False(failed.Connected);
        Assert.StartsWith("cannot connect", failed.Problem);
        var wait = await clock.NextWait(IsBackoff);
        Assert.Equal(firstTry.At, wait.At);
        Assert.InRange(wait.Due, TimeSpan.FromMilliseconds(1), First * 2);

        clock.Advance(wait.Due);
        var secondTry = await clock.NextWait(IsTry);
        // Not a moment before the wait was over on the clock; the test itself never slept.
        Assert.Equal(wait.Ends, secondTry.At);
        Assert.False((await sink.Next()).Connected);
        var secondWait = await clock.NextWait(IsBackoff);
        Assert.Equal(wait.Ends, secondWait.At);
        Assert.InRange(secondWait.Due, TimeSpan.FromMilliseconds(1), First * 4);
        Assert.False(connection.IsConnected);
    }

    [Fact]
    public async Task A_lost_link_is_tried_again_at_once_and_its_waits_start_again_from_the_first_delay()
    {
        var clock = new WatchedClock();
        var sink = new RecordingLinkSink();
        var port = FreePort.Next();
        await using var connection = new PrinterLinkConnection(Settings(port), sink, clock, NullLogger.Instance);
        connection.Start();

        // Off for a while: the third wait is under way when the broker comes up.
        ArmedWait wait = default;
        for (var failure = 1; failure <= 3; failure++)
        {
            Assert.False((await sink.Next()).Connected);
            wait = await clock.NextWait(IsBackoff);
            if (failure < 3) clock.Advance(wait.Due);
        }
        using var broker = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        await broker.StartAsync();
        clock.Advance(wait.Due);
        Assert.Equal((true, null), await sink.Next());
        Assert.True(connection.IsConnected);

        clock.ForgetArmed();
        var lostAt = clock.GetUtcNow();
        await broker.StopAsync();
        var lost = await sink.Next();
        Assert.False(lost.Connected);
        Assert.StartsWith("connection lost", lost.Problem);
        var retry = await clock.NextWait(IsTry);
        Assert.Equal(lostAt, retry.At);
        Assert.False((await sink.Next()).Connected);
        var afterLoss = await clock.NextWait(IsBackoff);
        Assert.InRange(afterLoss.Due, TimeSpan.FromMilliseconds(1), First * 2);
    }
}
