using PrintFarm.PrinterSimulator;

namespace PrintFarm.Tests.Simulator;

[Trait("Category", "Unit")]
public class SimulatorOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(new SimulatorOptions().Validate());

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Failure_rate_outside_zero_to_one_is_rejected(double rate) =>
        Assert.Contains(new SimulatorOptions { FailureRate = rate }.Validate(), e => e.Contains("--failure-rate"));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void At_least_one_printer_is_required(int printers) =>
        Assert.Contains(new SimulatorOptions { Printers = printers }.Validate(), e => e.Contains("--printers"));

    [Theory]
    [InlineData("sim/")]
    [InlineData("sim #")]
    [InlineData("+")]
    public void Prefixes_that_break_topics_are_rejected(string prefix) =>
        Assert.Contains(new SimulatorOptions { IdPrefix = prefix }.Validate(), e => e.Contains("--id-prefix"));

    [Fact]
    public void Telemetry_rate_must_be_positive() =>
        Assert.Contains(new SimulatorOptions { TelemetryHz = 0 }.Validate(), e => e.Contains("--telemetry-hz"));

    [Fact]
    public void Materials_cannot_be_empty() =>
        Assert.Contains(new SimulatorOptions { Materials = [] }.Validate(), e => e.Contains("--materials"));

    [Theory]
    [InlineData("127.0.0.1:1883", "127.0.0.1", 1883)]
    [InlineData("broker.local:18830", "broker.local", 18830)]
    [InlineData("mosquitto", "mosquitto", 1883)]
    [InlineData("[::1]:1884", "::1", 1884)]
    public void Broker_addresses_parse(string text, string host, int port)
    {
        Assert.True(SimulatorOptions.TryParseBroker(text, out var h, out var p, out var error), error);
        Assert.Equal(host, h);
        Assert.Equal(port, p);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":1883")]
    [InlineData("host:")]
    [InlineData("host:abc")]
    [InlineData("host:70000")]
    [InlineData("host:0")]
    [InlineData("::1:1883")]
    [InlineData("[::1")]
    public void Bad_broker_addresses_are_rejected(string text)
    {
        Assert.False(SimulatorOptions.TryParseBroker(text, out _, out _, out var error));
        Assert.Contains("--broker", error);
    }

    [Fact]
    public void Materials_are_loaded_round_robin_and_ids_are_numbered_from_one()
    {
        var options = new SimulatorOptions { Materials = ["PLA", "PETG"], IdPrefix = "sim-" };
        Assert.Equal("sim-001", FleetRoster.PrinterId(options.IdPrefix, 1));
        Assert.Equal("sim-1000", FleetRoster.PrinterId(options.IdPrefix, 1000));
        var materials = Enumerable.Range(1, 4).Select(n => FleetRoster.Capabilities(options, n).Materials.Single());
        Assert.Equal(["PLA", "PETG", "PLA", "PETG"], materials);
        Assert.All(Enumerable.Range(1, 4).Select(n => FleetRoster.Capabilities(options, n)), c =>
        {
            Assert.Equal("FDM", c.Technology);
            Assert.Equal(0.4, c.NozzleDiameter);
            Assert.Equal("printfarm-sim/1.0", c.Firmware);
        });
    }
}
