using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Tests.Cluster;

/// <summary>Printers as the cluster tests bring them online: announced, idle, one material.</summary>
internal static class TestPrinters
{
    public static async Task<IPrinterGrain> Announce(IClusterClient client, string printerId, string material)
    {
        var printer = client.GetGrain<IPrinterGrain>(printerId);
        await printer.Status(new PrinterStatusReport
        {
            Online = true,
            ReceivedAt = DateTimeOffset.UtcNow,
            Capabilities = new PrinterCapabilities { Model = "Test MK1", Technology = "FDM", Materials = [material] },
        });
        await printer.Telemetry(new PrinterTelemetry { Activity = PrinterActivity.Idle, ReceivedAt = DateTimeOffset.UtcNow });
        return printer;
    }
}
