; Inno Setup 6 script for the Parallax installer: dist\Parallax-Setup-<version>.exe
;
; Build the app first (pyinstaller packaging\parallax.spec, which leaves dist\Parallax\),
; then, from the repository root:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\parallax.iss
;
; AppVersion comes from desktop/__init__.py (the release workflow passes it; see
; packaging/README.md) and must be numeric (X.Y.Z), as Windows file versions are.
; To sign the setup program and its uninstaller, add
;   /DSign '/Sparallaxsign=powershell.exe -NoProfile -ExecutionPolicy Bypass -File $q<repo>\packaging\windows\sign.ps1$q $f'
; (single quotes in PowerShell; $q is a quote and $f the file, both Inno Setup's) with
; WINDOWS_CERTIFICATE and WINDOWS_CERTIFICATE_PASSWORD set in the environment.
;
; What it installs: the one-folder build in Program Files (or the user's own programs
; folder when installed without administrator rights), a Start-menu entry, an optional
; desktop icon, an uninstaller (Settings > Apps), and the .parallax file type: a
; Parallax database, opened by Parallax.exe "<file>".

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\parallax.iss
#endif

#define AppName "Parallax"
#define AppExeName "Parallax.exe"
#define AppPublisher "Parallax"
#define RepoRoot "..\.."
#define ProgId "Parallax.Database"

[Setup]
; The AppId ties upgrades and the uninstaller to this product: never change it.
AppId={{24C548C8-B442-4FFA-A1D4-F0AE8571DDCE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-machine by default; a user without administrator rights may install for themselves.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes
UninstallDisplayName={#AppName} {#AppVersion}
UninstallDisplayIcon={app}\{#AppExeName}
SetupIconFile={#RepoRoot}\build\icons\parallax.ico
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir={#RepoRoot}\dist
OutputBaseFilename={#AppName}-Setup-{#AppVersion}
#ifdef Sign
SignTool=parallaxsign
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder, so no file of an older build lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#RepoRoot}\dist\Parallax\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "Claims desk for editors and fact-checkers"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Registry]
; The .parallax file type. HKA is HKLM for a per-machine install and HKCU for a
; per-user one; everything written here is removed by the uninstaller.
Root: HKA; Subkey: "Software\Classes\.parallax"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.parallax"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-parallax"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.parallax\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Parallax database"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: ".parallax"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
