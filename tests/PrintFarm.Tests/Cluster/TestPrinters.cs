using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Tests.Cluster;

/// <summary>Printers as the cluster tests bring them online: announced, idle, one material.</summary>
internal static class TestPrinters
{
    /// <param name="at">When the reports were received: the silo's clock where that is not the wall clock.</param>
    public static async Task<IPrinterGrain> Announce(IClusterClient client, string printerId, string material, DateTimeOffset? at = null)
    {
        var printer = client.GetGrain<IPrinterGrain>(printerId);
        await printer.Status(new PrinterStatusReport
        {
            Online = true,
            ReceivedAt = at ?? DateTimeOffset.UtcNow,
            Capabilities = new PrinterCapabilities { Model = "Test MK1", Technology = "FDM", Materials = [material] },
        });
        await printer.Telemetry(new PrinterTelemetry { Activity = PrinterActivity.Idle, ReceivedAt = at ?? DateTimeOffset.UtcNow });
        return printer;
    }
}
