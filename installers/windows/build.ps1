# Build the Windows installer on a Windows 10/11 x64 machine (see installers/README.md):
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1
# Needs Python 3.11 or newer (x64) and Inno Setup 6 (iscc.exe) installed; an internet connection or a
# local PyPI mirror for the first pip install. Output: build\windows\yikatong-setup-VERSION.exe
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root
$version = python -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"
if (-not (Test-Path .venv)) { python -m venv .venv }
.\.venv\Scripts\python -m pip install --upgrade pip
.\.venv\Scripts\python -m pip install -e . "pyinstaller>=6.10"
.\.venv\Scripts\pyside6-lrelease resources\translations\yikatong_en.ts -qm resources\translations\yikatong_en.qm
.\.venv\Scripts\pyinstaller --noconfirm --clean --distpath build\dist --workpath build\pyi installers\yikatong.spec
.\build\dist\yikatong\ykt.exe --version
$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\iscc.exe"
& $iscc "/DAppVersion=$version" installers\windows\yikatong.iss
if ($LASTEXITCODE -ne 0) { throw "iscc failed" }
Write-Host "built build\windows\yikatong-setup-$version.exe"
