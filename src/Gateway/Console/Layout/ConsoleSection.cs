namespace PrintFarm.Gateway.Console.Layout;

/// <summary>The console's pages, as its navigation lists them.</summary>
public enum ConsoleSection
{
    Fleet,
    Queue,
    Orders,
    Work,
    Notifications,
    Printers,
}
