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
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
builder.AddPrintFarmGateway();

var app = builder.Build();
app.MapPrintFarmGateway();
app.Run();
