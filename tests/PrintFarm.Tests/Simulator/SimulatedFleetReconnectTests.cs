using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MQTTnet.Server;
using PrintFarm.PrinterSimulator;
using PrintFarm.Tests.Resilience;

namespace PrintFarm.Tests.Simulator;

/// <summary>
/// A simulated printer's reconnect loop with its network waits on a fake clock (the printers'
/// own clock is another one, and stands still): it waits the backoff before each new try, and
/// after a lost session it waits a first delay before knocking again.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SimulatedFleetReconnectTests
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(200);

    private static SimulatedFleet Fleet(int brokerPort, TimeProvider network) => new(new SimulatorOptions
    {
        Printers = 1, BrokerPort = brokerPort, FailureRate = 0, ReconnectDelay = First, ReconnectMaxDelay = TimeSpan.FromSeconds(5),
    }, new FakeTimeProvider(), NullLoggerFactory.Instance, network);

    [Fact]
    public async Task A_printer_that_cannot_reach_the_broker_tries_again_only_once_its_wait_has_passed()
    {
        var network = new WatchedClock();
        await using var fleet = Fleet(FreePort.Next(), network);
        await fleet.StartAsync(TestContext.Current.CancellationToken);

        var wait = await network.NextWait();
        Assert.InRange(wait.Due, TimeSpan.FromMilliseconds(1), First * 2);
        network.Advance(wait.Due);
        var next = await network.NextWait();

        // The second try failed only once the first wait was over, and backs off further.
        Assert.Equal(wait.Ends, next.At);
        Assert.InRange(next.Due, TimeSpan.FromMilliseconds(1), First * 4);
        Assert.Equal(0, fleet.OnlineCount);
    }

    [Fact]
    public async Task A_printer_that_lost_its_session_waits_a_first_delay_before_knocking_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort.Next();
        using var broker = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        await broker.StartAsync();
        var network = new WatchedClock();
        await using var fleet = Fleet(port, network);
        await fleet.StartAsync(ct);
        await fleet.WaitUntilOnlineAsync(ct).WaitAsync(TimeSpan.FromSeconds(15), ct);

        network.ForgetArmed();
        var kickedAt = network.GetUtcNow();
        await broker.DisconnectClientAsync(fleet.Printers[0].Id, new MqttServerClientDisconnectOptions());

        // The broker is up, yet the printer waits on the clock before coming back.
        var wait = await network.NextWait();
        Assert.Equal(kickedAt, wait.At);
        Assert.InRange(wait.Due, TimeSpan.FromMilliseconds(1), First * 2);
        Assert.Equal(0, fleet.OnlineCount);
        network.Advance(wait.Due);
        await fleet.WaitUntilOnlineAsync(ct).WaitAsync(TimeSpan.FromSeconds(15), ct);
    }
}
