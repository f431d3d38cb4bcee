using System.Diagnostics;

namespace PrintFarm.Tests.Harness;

/// <summary>The private broker the integration tests and the benchmark stand on.</summary>
[Trait("Category", "Integration")]
public sealed class PrivateMosquittoTests
{
    private static string WorkDirectory =>
        Path.Combine(PrintFarm.Harness.TestFolders.Root, "brokers");

    [Fact]
    public async Task A_broker_can_be_stopped_and_started_again_on_the_same_port()
    {
        await using var broker = await PrivateMosquitto.StartAsync(WorkDirectory, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("hello", await RoundTrip(broker.Port, "hello"));

        await broker.StopAsync();
        await broker.StartAgainAsync(TestContext.Current.CancellationToken);

        Assert.Equal("again", await RoundTrip(broker.Port, "again"));
    }

    private static async Task<string> RoundTrip(int port, string message)
    {
        var topic = $"harness/{Guid.NewGuid():N}";
        using var sub = Process.Start(new ProcessStartInfo("mosquitto_sub", ["-h", "127.0.0.1", "-p", $"{port}", "-i", "sub-" + Guid.NewGuid().ToString("N")[..8], "-t", topic, "-C", "1", "-W", "10"])
        { RedirectStandardOutput = true })!;
        await Task.Delay(500, TestContext.Current.CancellationToken); // let the subscription land before publishing
        using var pub = Process.Start("mosquitto_pub", ["-h", "127.0.0.1", "-p", $"{port}", "-i", "pub-" + Guid.NewGuid().ToString("N")[..8], "-t", topic, "-m", message, "-q", "1"])!;
        await pub.WaitForExitAsync(TestContext.Current.CancellationToken);
        var received = await sub.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await sub.WaitForExitAsync(TestContext.Current.CancellationToken);
        return received.Trim();
    }
}
