using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrintFarm.Delivery;
using PrintFarm.Dispatch;
using PrintFarm.Estimates;
using PrintFarm.Jobs;
using PrintFarm.LocalCopies;
using PrintFarm.Orders;
using PrintFarm.Printers;

namespace PrintFarm.Tests.Settings;

/// <summary>Every tunable of the grains is an option checked at start: a bad value is refused with a message naming the setting.</summary>
[Trait("Category", "Unit")]
public sealed class SettingsValidationTests
{
    private static IServiceProvider Services(string key, string value) =>
        new ServiceCollection().AddLogging().AddFarmDomain(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build())
            .BuildServiceProvider();

    [Theory]
    [InlineData("Jobs:MaxAttempts", "0")]
    [InlineData("Jobs:KeepAlive", "00:00:10")]
    [InlineData("Jobs:NewsKept", "0")]
    [InlineData("Jobs:BoardKeepsFinished", "00:00:10")]
    [InlineData("Orders:ReleaseRetry", "00:00:00")]
    [InlineData("Printers:OfflineAfter", "00:00:00")]
    [InlineData("Dispatch:PoolAnswerWithin", "00:10:00")]
    [InlineData("Estimates:SafetyMarginShare", "-1")]
    [InlineData("Delivery:FirstRetry", "00:00:00")]
    [InlineData("LocalCopies:RefreshEvery", "00:00:00")]
    public void A_setting_out_of_range_is_refused_naming_it(string key, string value)
    {
        var services = Services(key, value);
        var section = key.Split(':')[0];
        object Read() => section switch
        {
            "Jobs" => services.GetRequiredService<IOptions<JobOptions>>().Value,
            "Orders" => services.GetRequiredService<IOptions<OrderOptions>>().Value,
            "Printers" => services.GetRequiredService<IOptions<PrinterOptions>>().Value,
            "Dispatch" => services.GetRequiredService<IOptions<DispatchOptions>>().Value,
            "Estimates" => services.GetRequiredService<IOptions<EstimateOptions>>().Value,
            "Delivery" => services.GetRequiredService<IOptions<DeliveryOptions>>().Value,
            _ => services.GetRequiredService<IOptions<LocalCopyOptions>>().Value,
        };
        var refused = Assert.Throws<OptionsValidationException>(Read);
        Assert.Contains(key, refused.Message);
    }

    [Fact]
    public void The_defaults_pass()
    {
        var services = Services("Jobs:MaxAttempts", "3");
        Assert.Equal(3, services.GetRequiredService<IOptions<JobOptions>>().Value.MaxAttempts);
        _ = services.GetRequiredService<IOptions<OrderOptions>>().Value;
        _ = services.GetRequiredService<IOptions<PrinterOptions>>().Value;
        _ = services.GetRequiredService<IOptions<DispatchOptions>>().Value;
        _ = services.GetRequiredService<IOptions<EstimateOptions>>().Value;
        _ = services.GetRequiredService<IOptions<DeliveryOptions>>().Value;
        _ = services.GetRequiredService<IOptions<LocalCopyOptions>>().Value;
    }
}
