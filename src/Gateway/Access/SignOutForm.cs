namespace PrintFarm.Gateway.Access;

/// <summary>The sign-out form: nothing but its antiforgery token, which binding it as a form makes ASP.NET Core check.</summary>
public sealed record SignOutForm(string? Reason = null);
