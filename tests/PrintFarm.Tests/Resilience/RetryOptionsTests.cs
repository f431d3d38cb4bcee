using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrintFarm.PrinterSimulator;
using PrintFarm.Silo;
using PrintFarm.Silo.Mqtt;
using PrintFarm.Printers.Links;
using PrintFarm.Silo.Telemetry.Links;

namespace PrintFarm.Tests.Resilience;

/// <summary>The retry delays of the silo's connections and of the simulator: defaults kept, bad values refused at start by name.</summary>
[Trait("Category", "Unit")]
public sealed class RetryOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddConnectionOptions(config).BuildServiceProvider();
    }

    /// <summary>What <c>ValidateOnStart</c> runs when the host starts.</summary>
    private static void Start(ServiceProvider services) => services.GetRequiredService<IStartupValidator>().Validate();

    [Fact]
    public void The_defaults_are_the_delays_the_loops_had_and_pass_the_start_check()
    {
        using var services = Services([]);
        Start(services);
        var mqtt = services.GetRequiredService<IOptions<MqttOptions>>().Value;
        var links = services.GetRequiredService<IOptions<LinkOptions>>().Value;
        Assert.Equal((TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15)), (mqtt.ReconnectDelay, mqtt.ReconnectMaxDelay));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10)), (links.ReconnectDelay, links.ReconnectMaxDelay, links.ConnectTimeout));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)), (links.RegisterRetryDelay, links.RegisterRetryMaxDelay));
        Assert.Equal(TimeSpan.FromSeconds(30), links.EnsureEvery);
    }

    [Fact]
    public void The_short_delays_the_link_tests_use_are_accepted()
    {
        using var services = Services(new()
        {
            ["Links:ReconnectDelay"] = "00:00:00.200",
            ["Links:ReconnectMaxDelay"] = "00:00:02",
            ["Links:ConnectTimeout"] = "00:00:03",
        });
        Start(services);
        Assert.Equal(TimeSpan.FromMilliseconds(200), services.GetRequiredService<IOptions<LinkOptions>>().Value.ReconnectDelay);
    }

    [Theory]
    [InlineData("Links:ReconnectDelay", "00:00:00", "Links:ReconnectDelay must be between")]
    [InlineData("Links:ReconnectMaxDelay", "1.00:00:00", "Links:ReconnectMaxDelay must be between")]
    [InlineData("Links:ConnectTimeout", "00:00:00", "Links:ConnectTimeout must be between")]
    [InlineData("Links:RegisterRetryDelay", "-00:00:01", "Links:RegisterRetryDelay must be between")]
    [InlineData("Links:EnsureEvery", "00:00:00", "Links:EnsureEvery must be between")]
    [InlineData("Links:ReconnectMaxDelay", "00:00:00.500", "Links:ReconnectMaxDelay must not be shorter than Links:ReconnectDelay")]
    [InlineData("Links:RegisterRetryMaxDelay", "00:00:01", "Links:RegisterRetryMaxDelay must not be shorter than Links:RegisterRetryDelay")]
    [InlineData("Mqtt:ReconnectDelay", "00:05:00", "Mqtt:ReconnectDelay must be between")]
    [InlineData("Mqtt:ReconnectMaxDelay", "00:00:00.100", "Mqtt:ReconnectMaxDelay must not be shorter than Mqtt:ReconnectDelay")]
    public void A_delay_out_of_range_stops_the_silo_at_start_naming_the_setting(string key, string value, string message)
    {
        using var services = Services(new() { [key] = value });
        var failure = Assert.Throws<OptionsValidationException>(() => Start(services));
        Assert.Contains(message, failure.Message);
    }

    [Fact]
    public void The_simulator_keeps_its_reconnect_delays_and_refuses_bad_ones()
    {
        var defaults = new SimulatorOptions();
        Assert.Equal((TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)), (defaults.ReconnectDelay, defaults.ReconnectMaxDelay));
        Assert.Empty(defaults.Validate());
        Assert.Contains(new SimulatorOptions { ReconnectDelay = TimeSpan.Zero }.Validate(), e => e.Contains("reconnect delay"));
        Assert.Contains(new SimulatorOptions { ReconnectMaxDelay = TimeSpan.FromMilliseconds(100) }.Validate(), e => e.Contains("longest reconnect delay"));
    }
}
