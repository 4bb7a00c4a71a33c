@echo off
rem The principal's one command on Windows: double-click to check the sheet and write the
rem plan, the due reports and their PDFs as commsplan.toml (in the folder above) says.
chcp 65001 >nul
set CONFIG=%~1
if "%CONFIG%"=="" set CONFIG=%~dp0..\commsplan.toml
python -m commsplan generate --config "%CONFIG%"
set STATUS=%ERRORLEVEL%
pause
exit /b %STATUS%
