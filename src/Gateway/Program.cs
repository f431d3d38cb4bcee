using PrintFarm.Gateway;

// Settings: appsettings.json beside the binary, PRINTFARM_* environment variables, then
// --Section:Key=value arguments. Listens on http://127.0.0.1:5080 unless Urls says otherwise.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Configuration.AddEnvironmentVariables("PRINTFARM_");
builder.Configuration.AddCommandLine(args); // arguments win over the environment
if (args is ["accounts", ..])
{
    // ./farm accounts: manage accounts and keys on the running farm, then exit.
    builder.Logging.ClearProviders();
    return await PrintFarm.Gateway.Access.AccountsCommand.Run(args[1..].Where(a => !a.StartsWith("--Cluster:", StringComparison.Ordinal)).ToArray(),
        builder.Configuration, Console.Out, Console.Error, Console.In);
}
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
// A burst of warnings (thousands a second when the farm is overloaded) must not stall the farm:
// past its queue the console drops lines and says how many, instead of blocking the threads that
// log (it did: 57 % of the silo's thread time at 10,000 printers, see docs/PERFORMANCE.md).
builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o =>
{
    o.QueueFullMode = Microsoft.Extensions.Logging.Console.ConsoleLoggerQueueFullMode.DropWrite;
    o.MaxQueueLength = 10_000;
});
builder.AddPrintFarmGateway();

var app = builder.Build();
app.MapPrintFarmGateway();
await app.RunAsync();
return 0;
