namespace PrintFarm.Gateway.Console.Layout;

/// <summary>
/// Who looks at a console page, and the antiforgery token every form on it carries. Viewers see
/// the same page with its buttons disabled; the endpoints behind the buttons check the role again.
/// </summary>
public sealed record ConsoleUser(string Login, string Name, string Role, bool CanOperate, bool IsAdmin, string TokenField, string Token);
