using PrintFarm.Dispatch;
using PrintFarm.Jobs;
using PrintFarm.Maintenance;
using PrintFarm.Orders;
using PrintFarm.Printers;
using PrintFarm.Protocol;
using PrintFarm.Tests.Orders;

namespace PrintFarm.Tests.Cluster;

/// <summary>The dispatcher and a printer whose maintenance window is near, through real grains.</summary>
[Collection(FarmClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class MaintenanceWindowTests(FarmClusterFixture farm)
{
    private const string Material = "MAINT-PLA";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private IClusterClient Client => farm.Client;

    private async Task<string> PlaceOne(int seconds)
    {
        var order = await Client.GetGrain<IOrderGrain>(OrderReference.New()).Place(OrderSamples.Valid(quantity: 1, material: Material, seconds: seconds));
        var jobId = order.Items[0].Jobs[0].JobId;
        await Eventually.Get(() => Client.GetGrain<IPrintJobGrain>(jobId).Get(), j => j?.Status is not null, Patience, $"job {jobId} to exist");
        return jobId;
    }

    private static Task<PrinterCommand> NextStart(string printerId, int nth) =>
        Eventually.Get(
            () => Task.FromResult(FarmClusterFixture.Commands.To(printerId).Where(c => c.Type == PrinterCommandType.Start).ElementAtOrDefault(nth - 1)),
            c => c is not null, Patience, $"start command #{nth} for {printerId}")!;

    private static Task Report(IPrinterGrain printer, PrinterEventType type, string jobId) =>
        printer.Event(new PrinterJobEvent { EventId = Guid.NewGuid().ToString("N"), Type = type, JobId = jobId, ReceivedAt = DateTimeOffset.UtcNow });

    [Fact]
    public async Task A_printer_near_its_window_gets_the_short_job_and_the_long_one_waits()
    {
        const string printerId = "maint-p1";
        // The window opens in about an hour (the next time the clock reads that hour and minute).
        var opens = DateTimeOffset.UtcNow.AddHours(1);
        var maintenance = Client.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.Key);
        await maintenance.SetPrinterWindow(printerId, new MaintenanceWindowSpec
        {
            Name = "nozzle swap", Cron = $"0 {opens.Minute} {opens.Hour} * * ?", Duration = TimeSpan.FromHours(1),
        });
        var dispatcher = Client.GetGrain<IDispatcherGrain>(new PoolKey("FDM", Material).Key);
        await dispatcher.ReloadMaintenance();

        var printer = await TestPrinters.Announce(Client, printerId, Material);
        var longJob = await PlaceOne(seconds: 3 * 3600);   // three hours: would run into the window
        var shortJob = await PlaceOne(seconds: 5 * 60);    // five minutes: done long before

        var first = await NextStart(printerId, 1);
        Assert.Equal(shortJob, first.JobId);
        Assert.Equal(JobStatus.Queued, (await Client.GetGrain<IPrintJobGrain>(longJob).Get())!.Status);

        // The short print ends; the printer is idle again, and the long job still does not fit.
        await Report(printer, PrinterEventType.JobStarted, shortJob);
        await Report(printer, PrinterEventType.JobFinished, shortJob);
        await Eventually.Get(() => printer.Get(), p => p?.CurrentJobId is null, Patience, "the printer to be free");
        await dispatcher.ReloadMaintenance(); // plans again, as any later event would
        Assert.Single(FarmClusterFixture.Commands.To(printerId), c => c.Type == PrinterCommandType.Start);
        Assert.Equal(JobStatus.Queued, (await Client.GetGrain<IPrintJobGrain>(longJob).Get())!.Status);

        // The operator cancels the window: the long job goes to the printer.
        Assert.True(await maintenance.RemovePrinterWindow(printerId));
        await dispatcher.ReloadMaintenance();
        Assert.Equal(longJob, (await NextStart(printerId, 2)).JobId);
    }

    [Fact]
    public async Task A_bad_window_is_refused_and_changes_nothing()
    {
        var maintenance = Client.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.Key);
        var before = await maintenance.List();
        var refused = await Assert.ThrowsAsync<InvalidMaintenanceWindowException>(() => maintenance.SetPrinterWindow("maint-p2",
            new MaintenanceWindowSpec { Cron = "0 0 25 * * ?", Duration = TimeSpan.FromHours(1) }));
        Assert.Contains("cron", refused.Errors.Keys);
        Assert.Equal(before.Count, (await maintenance.List()).Count);
    }
}
