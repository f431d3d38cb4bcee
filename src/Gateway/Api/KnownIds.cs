using PrintFarm.Gateway.Cluster;
using PrintFarm.Jobs;
using PrintFarm.Orders;
using PrintFarm.Printers;
using PrintFarm.Printers.Access;
using PrintFarm.Printers.Registry;
using PrintFarm.Protocol;

namespace PrintFarm.Gateway.Api;

/// <summary>
/// Whether a printer or job id that a reader sent is one the farm knows, asked of the farm-wide
/// views that hold them in memory. Only then is the printer's or job's own grain called: a grain
/// called for an id that does not exist would be activated and read from the database, for
/// every made-up id a caller cares to send.
/// </summary>
public static class KnownIds
{
    /// <summary>
    /// In the fleet (it has reported since the fleet's last activation), registered (any dialect),
    /// or issued credentials at some time (every printer that can log in to the farm's broker).
    /// </summary>
    public static async Task<bool> Printer(IClusterClient cluster, string printerId, GatewayOptions options)
    {
        if (!PrinterId.IsValid(printerId)) return false;
        var reported = cluster.GetGrain<IFleetGrain>(IFleetGrain.Key).Knows(printerId).Within(options);
        var credentials = cluster.GetGrain<IPrinterCredentialsGrain>(IPrinterCredentialsGrain.Key).Knows(printerId).Within(options);
        var registration = cluster.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).Get(printerId).Within(options);
        return await reported || await credentials || await registration is not null;
    }

    /// <summary>
    /// On the job board (open, or finished within Jobs:BoardKeepsFinished), or one of an open order's jobs, which
    /// covers a job whose report to the board was lost. A job older than that is read in its order.
    /// </summary>
    public static async Task<bool> Job(IClusterClient cluster, string jobId, GatewayOptions options)
    {
        if (!PrintJobSpec.IsWellFormedId(jobId)) return false;
        if (await cluster.GetGrain<IJobBoardGrain>(IJobBoardGrain.Key).Knows(jobId).Within(options)) return true;
        var reference = PrintJobSpec.OrderReferenceOf(jobId);
        if (!await cluster.GetGrain<IOrderBoardGrain>(IOrderBoardGrain.Key).IsOpen(reference).Within(options)) return false;
        var order = await cluster.GetGrain<IOrderGrain>(reference).Get();
        return order is not null && order.Items.Any(i => i.Jobs.Any(j => j.JobId == jobId));
    }
}
