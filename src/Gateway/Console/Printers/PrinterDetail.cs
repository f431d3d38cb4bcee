using PrintFarm.Jobs;
using PrintFarm.Maintenance;
using PrintFarm.Printers;
using PrintFarm.Printers.Links;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Gateway.Console.Printers;

/// <summary>One printer's page: what it reports, how it is connected, its own maintenance window and the jobs it ran.</summary>
public sealed record PrinterDetail(
    string PrinterId,
    PrinterSummary? Summary,
    PrinterRegistrationView? Registration,
    PrinterLinkStatus? Link,
    MaintenanceWindowView? OwnWindow,
    IReadOnlyList<JobSnapshot> Jobs);
